#pragma once
// A libcurl easy handle for the support tests: one handle = one connection cache, so several
// perform() calls on the same CurlClient reuse a kept-alive connection, as the sync client does.
#include <curl/curl.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace pavilion::testing {

struct CurlRequest {
    std::string method = "GET";
    std::string body;                  // sent when method is POST or PUT
    std::vector<std::string> headers;  // "Name: value"
    long timeoutMs = 10000;
    long lowSpeedLimit = 0;  // bytes/s; with lowSpeedTime: abort below it
    long lowSpeedTime = 0;   // seconds
    long expect100TimeoutMs = -1;
    std::size_t abortAfterBytes = 0;  // >0: the write callback refuses data beyond this
};

struct CurlResult {
    CURLcode code = CURLE_OK;
    long status = 0;
    std::string body;
    std::string contentType;
    int writeCalls = 0;
    std::chrono::milliseconds elapsed{0};
    std::string error;
};

class CurlClient {
public:
    CurlClient();
    ~CurlClient();
    CurlClient(const CurlClient&) = delete;
    CurlClient& operator=(const CurlClient&) = delete;

    CurlResult perform(const std::string& url, const CurlRequest& request = {});

private:
    CURL* handle_;
};

// One request on a fresh handle (a fresh connection).
CurlResult fetch(const std::string& url, const CurlRequest& request = {});

}  // namespace pavilion::testing
