#include "curlclient.h"

#include <stdexcept>

namespace pavilion::testing {

namespace {

struct Sink {
    CurlResult* result;
    std::size_t abortAfter;
};

std::size_t onWrite(char* data, std::size_t size, std::size_t n, void* user) {
    auto* sink = static_cast<Sink*>(user);
    const std::size_t len = size * n;
    if (sink->abortAfter > 0 && sink->result->body.size() + len > sink->abortAfter) return 0;
    sink->result->body.append(data, len);
    ++sink->result->writeCalls;
    return len;
}

}  // namespace

CurlClient::CurlClient() : handle_(curl_easy_init()) {
    if (!handle_) throw std::runtime_error("curl_easy_init failed");
}

CurlClient::~CurlClient() {
    curl_easy_cleanup(handle_);
}

CurlResult CurlClient::perform(const std::string& url, const CurlRequest& request) {
    CurlResult result;
    Sink sink{&result, request.abortAfterBytes};
    char error[CURL_ERROR_SIZE] = {};
    curl_slist* headers = nullptr;
    for (const auto& h : request.headers) headers = curl_slist_append(headers, h.c_str());

    CURL* h = handle_;
    curl_easy_reset(h);  // keeps the connection cache, drops the previous request's options
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, onWrite);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, request.timeoutMs);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    if (request.lowSpeedTime > 0) {
        curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, request.lowSpeedLimit);
        curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, request.lowSpeedTime);
    }
    if (request.expect100TimeoutMs >= 0)
        curl_easy_setopt(h, CURLOPT_EXPECT_100_TIMEOUT_MS, request.expect100TimeoutMs);
    if (request.method == "POST" || request.method == "PUT") {
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
    }
    if (request.method != "GET" && request.method != "POST")
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());

    const auto start = std::chrono::steady_clock::now();
    result.code = curl_easy_perform(h);
    result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &result.status);
    char* type = nullptr;
    if (curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type)
        result.contentType = type;
    result.error = error[0] ? error : curl_easy_strerror(result.code);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
    curl_slist_free_all(headers);
    return result;
}

CurlResult fetch(const std::string& url, const CurlRequest& request) {
    CurlClient client;
    return client.perform(url, request);
}

}  // namespace pavilion::testing
