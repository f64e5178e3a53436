// Every screen named in the foundation issue, rendered by the real kiosk binary over a store
// holding the demo community. The PNGs stay in build/screenshots for people to look at.
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>

namespace {

const QString kSource = QStringLiteral(PAVILION_SOURCE_DIR);
const QString kConfig = kSource + QStringLiteral("/kiosk-config/pavilion-shuxiang.json");

// One demo data directory for the whole run.
QString demoDataDir() {
    static QTemporaryDir dir;
    static bool loaded = false;
    if (!loaded) {
        QProcess p;
        p.start(QStringLiteral(PAVILIONCTL_PATH),
                {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--config"), kConfig, QStringLiteral("demo"),
                 QStringLiteral("load"), kSource + QStringLiteral("/assets/demo/issues.json")});
        p.waitForFinished(60000);
        EXPECT_EQ(p.exitCode(), 0) << p.readAllStandardError().toStdString();
        loaded = true;
    }
    return dir.path();
}

struct Shot {
    const char* screen;
    int width, height;
    double scale;
};

class Screenshot : public ::testing::TestWithParam<Shot> {};

TEST_P(Screenshot, RendersARealScreen) {
    const Shot s = GetParam();
    const QString file = QStringLiteral("%1/%2-%3x%4-x%5.png")
                             .arg(QStringLiteral(SCREENSHOT_DIR), QLatin1String(s.screen))
                             .arg(s.width)
                             .arg(s.height)
                             .arg(s.scale, 0, 'f', 1);
    QFile::remove(file);
    QProcess p;
    p.start(QStringLiteral(KIOSK_PATH),
            {QStringLiteral("--config"), kConfig, QStringLiteral("--data-dir"), demoDataDir(), QStringLiteral("--screen"),
             QLatin1String(s.screen), QStringLiteral("--size"), QStringLiteral("%1x%2").arg(s.width).arg(s.height),
             QStringLiteral("--text-scale"), QString::number(s.scale), QStringLiteral("--screenshot"), file});
    ASSERT_TRUE(p.waitForFinished(60000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    ASSERT_EQ(p.exitCode(), 0) << err.toStdString();
    // QML errors are printed, not fatal: a screen with a broken binding must fail here.
    EXPECT_FALSE(err.contains(QStringLiteral("Error"))) << err.toStdString();
    EXPECT_FALSE(err.contains(QStringLiteral("TypeError"))) << err.toStdString();
    EXPECT_FALSE(err.contains(QStringLiteral("ReferenceError"))) << err.toStdString();

    const QImage image(file);
    ASSERT_FALSE(image.isNull()) << file.toStdString();
    EXPECT_EQ(image.width(), s.width);
    EXPECT_EQ(image.height(), s.height);

    // A real screen has text and pictograms: many distinct colours, and ink-dark pixels.
    QSet<QRgb> colours;
    int dark = 0;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3) {
            const QRgb c = image.pixel(x, y);
            colours.insert(c);
            if (qGray(c) < 80) ++dark;
        }
    }
    EXPECT_GT(colours.size(), 60) << "looks blank: " << file.toStdString();
    EXPECT_GT(dark, 200) << "no text drawn: " << file.toStdString();
    if (QLatin1String(s.screen) != QLatin1String("home")) {
        // The red header of every screen but home, across the top edge.
        const QRgb header = image.pixel(s.width / 2, 4);
        EXPECT_GT(qRed(header), 120);
        EXPECT_LT(qGreen(header), 60);
    }
}

std::vector<Shot> allShots() {
    std::vector<Shot> out;
    for (const char* screen : {"home", "report-category", "report-location", "report-similar", "report-text",
                               "report-review", "report-receipt", "track"}) {
        for (auto [w, h] : {std::pair{1920, 1080}, std::pair{1080, 1920}}) {
            for (double scale : {1.0, 1.8}) out.push_back({screen, w, h, scale});
        }
    }
    return out;
}

std::string shotName(const ::testing::TestParamInfo<Shot>& info) {
    std::string n = info.param.screen;
    for (char& c : n) {
        if (c == '-') c = '_';
    }
    return n + "_" + std::to_string(info.param.width) + "x" + std::to_string(info.param.height) +
           (info.param.scale > 1.0 ? "_large" : "_normal");
}

INSTANTIATE_TEST_SUITE_P(AllScreens, Screenshot, ::testing::ValuesIn(allShots()), shotName);

TEST(ScreenshotErrors, UnknownScreenIsRefused) {
    QProcess p;
    p.start(QStringLiteral(KIOSK_PATH), {QStringLiteral("--config"), kConfig, QStringLiteral("--data-dir"), demoDataDir(),
                                         QStringLiteral("--screen"), QStringLiteral("no-such-screen"),
                                         QStringLiteral("--screenshot"), QDir::temp().filePath(QStringLiteral("x.png"))});
    ASSERT_TRUE(p.waitForFinished(60000));
    EXPECT_EQ(p.exitCode(), 2);
    EXPECT_TRUE(p.readAllStandardError().contains("unknown screen"));
}

TEST(ScreenshotErrors, BadConfigRefusesToStartNamingTheField) {
    QTemporaryDir dir;
    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    QFile f(bad);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    QByteArray json;
    {
        QFile good(kConfig);
        ASSERT_TRUE(good.open(QIODevice::ReadOnly));
        json = good.readAll();
    }
    json.replace("\"role\": \"pavilion\"", "\"role\": \"kiosk\"");
    f.write(json);
    f.close();
    QProcess p;
    p.start(QStringLiteral(KIOSK_PATH), {QStringLiteral("--config"), bad, QStringLiteral("--data-dir"), dir.path(),
                                         QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("x.png"))});
    ASSERT_TRUE(p.waitForFinished(60000));
    EXPECT_EQ(p.exitCode(), 5);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    EXPECT_TRUE(err.contains(QStringLiteral("terminal.role"))) << err.toStdString();
    EXPECT_TRUE(err.contains(QStringLiteral("bad.json"))) << err.toStdString();
    // The terminal shows the problem on its own screen too.
    const QImage shown(dir.filePath(QStringLiteral("x.png")));
    ASSERT_FALSE(shown.isNull());
    QFile::copy(dir.filePath(QStringLiteral("x.png")), QStringLiteral(SCREENSHOT_DIR "/refused-bad-config.png"));
    int red = 0;
    for (int y = 0; y < shown.height(); y += 4) {
        for (int x = 0; x < shown.width(); x += 4) {
            const QRgb c = shown.pixel(x, y);
            if (qRed(c) > 140 && qGreen(c) < 60) ++red;  // the red headline
        }
    }
    EXPECT_GT(red, 50);
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);  // QProcess wants one
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
