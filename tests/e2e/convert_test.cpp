// Conversion end to end (issue 2): a generated .mov becomes an H.264 + AAC MP4
// of the same length, wherever it is and whatever it is called; results,
// summary and exit codes.
#include "e2e_test.hpp"

#include <regex>

namespace sb::e2e {
namespace {

namespace fs = std::filesystem;

class Convert : public E2eTest {};

TEST_F(Convert, MovBecomesH264AacMp4OfTheSameLength) {
    const auto in = clip("clip.mov", 2.0);
    const auto before = sha256_of(in);
    const auto r = sb({"mp4", "-p", "ultrafast", "-o", "out", "clip.mov"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(is_conversion_of(at("out/clip.mp4"), in));
    const auto info = test::probe_media(at("out/clip.mp4"));
    ASSERT_TRUE(info.ok);
    EXPECT_EQ(info.first("video")->codec_tag, "avc1");
    EXPECT_EQ(info.first("video")->pix_fmt, "yuv420p");
    EXPECT_TRUE(info.moov_before_mdat) << "index written at the front (faststart)";
    EXPECT_EQ(file_names(at("out")), std::vector<std::string>{"clip.mp4"});
    EXPECT_EQ(sha256_of(in), before);
    EXPECT_EQ(result_lines(r.err, "ok").size(), 1u) << r.err;
}

TEST_F(Convert, OutputGoesNextToTheInputWithoutOut) {
    fs::create_directories(at("shoot/day1"));
    const auto in = clip("shoot/day1/clip.mov");
    const auto r = sb({"mp4", "-p", "ultrafast", "shoot/day1/clip.mov"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(is_conversion_of(at("shoot/day1/clip.mp4"), in));
    EXPECT_EQ(file_names(at("shoot/day1")), (std::vector<std::string>{"clip.mov", "clip.mp4"}));
    EXPECT_EQ(file_names(dir()), std::vector<std::string>{});
}

TEST_F(Convert, OutFolderIsCreatedWithItsParents) {
    const auto in = clip("clip.mov");
    const auto r = sb({"mp4", "-p", "ultrafast", "-o", "a/b/c", "clip.mov"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(is_conversion_of(at("a/b/c/clip.mp4"), in));
}

TEST_F(Convert, AbsoluteInputAndOutPathsWork) {
    const auto in = clip("clip.mov");
    const auto r = run_sb({"mp4", "-p", "ultrafast", "-o", at("out").string(), in.string()}, "/");
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(is_conversion_of(at("out/clip.mp4"), in));
}

TEST_F(Convert, NameWithAColonIsNotTakenForAUrl) {
    // "10:30 take.mov" would be protocol "10" to a naive avformat_open_input().
    const auto in = clip("10:30 take.mov");
    const auto r = sb({"mp4", "-p", "ultrafast", "10:30 take.mov"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(is_conversion_of(at("10:30 take.mp4"), in));
}

TEST_F(Convert, NamesWithSpacesQuotesAndUnicodeWork) {
    const std::vector<std::string> stems = {"my holiday clip", "it's \"quoted\"", "Ünïcödé 日本語 🎬", "tab\there",
                                            "semi;colon & $HOME `x`", "star*and?mark[1]"};
    std::vector<std::string> args = {"mp4", "-p", "ultrafast", "-w", "2", "-o", "out"};
    for (const auto &s : stems) {
        clip(s + ".mov");
        args.push_back(s + ".mov");
    }
    const auto r = sb(args);
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    for (const auto &s : stems) EXPECT_TRUE(is_conversion_of(at("out/" + s + ".mp4"), at(s + ".mov"))) << s;
    EXPECT_EQ(file_names(at("out")).size(), stems.size());
}

TEST_F(Convert, LeadingDashNamesAfterDoubleDash) {
    const auto a = clip("-clip.mov"), b = clip("--take2.mov");
    const auto r = sb({"mp4", "-p", "ultrafast", "-o", "out", "--", "-clip.mov", "--take2.mov"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(is_conversion_of(at("out/-clip.mp4"), a));
    EXPECT_TRUE(is_conversion_of(at("out/--take2.mp4"), b));
}

TEST_F(Convert, LeadingDashNameWithDotSlash) {
    const auto a = clip("-x.mov");
    const auto r = sb({"mp4", "-p", "ultrafast", "./-x.mov"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(is_conversion_of(at("-x.mp4"), a));
}

TEST_F(Convert, VeryLongFileNameWorks) {
    // 240 bytes + ".mov" is a legal name (NAME_MAX 255); the hidden temporary
    // name next to the output must still fit.
    const std::string stem(240, 'a');
    const auto in = clip(stem + ".mov");
    const auto r = sb({"mp4", "-p", "ultrafast", "-o", "out", stem + ".mov"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(is_conversion_of(at("out/" + stem + ".mp4"), in));
    EXPECT_TRUE(stray_files(at("out")).empty());
}

TEST_F(Convert, VeryLongUnicodeFileNameWorks) {
    // 80 three-byte characters: 240 bytes, cut anywhere but on a character boundary
    // a temporary name would not be valid UTF-8.
    std::string stem;
    for (int i = 0; i < 80; ++i) stem += "日";
    const auto in = clip(stem + ".mov");
    const auto r = sb({"mp4", "-p", "ultrafast", "-o", "out", stem + ".mov"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(is_conversion_of(at("out/" + stem + ".mp4"), in));
}

TEST_F(Convert, MixedBatchWithOneBadFileConvertsTheOthersAndExits1) {
    const auto a = clip("a.mov"), c = clip("c.mov");
    write_file(at("b.mov"), "this is not a video\n");
    const auto sums = checksums({a, at("b.mov"), c});
    const auto r = sb({"mp4", "-p", "ultrafast", "-w", "2", "-o", "out", "a.mov", "b.mov", "c.mov"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(is_conversion_of(at("out/a.mp4"), a));
    EXPECT_TRUE(is_conversion_of(at("out/c.mp4"), c));
    EXPECT_FALSE(fs::exists(at("out/b.mp4")));
    const auto failed = result_lines(r.err, "FAILED");
    ASSERT_EQ(failed.size(), 1u) << r.err;
    EXPECT_TRUE(contains(failed[0], "b.mov")) << failed[0];
    EXPECT_TRUE(contains(failed[0], "not a media file")) << failed[0];
    EXPECT_EQ(checksums({a, at("b.mov"), c}), sums);
    EXPECT_TRUE(is_clean_output_dir(at("out")));
}

TEST_F(Convert, SummaryLineCountsEveryOutcome) {
    clip("new.mov");
    clip("done.mov");
    make_input(at("out/done.mp4"), 1.0); // already converted: skipped with -s
    write_file(at("broken.mov"), "");
    const auto r = sb({"mp4", "-p", "ultrafast", "-s", "-o", "out", "new.mov", "done.mov", "broken.mov"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    const std::regex summary(R"(^sb mp4: 3 files: 1 converted, 1 skipped, 1 failed, 0 cancelled in \d+\.\d s$)");
    const auto lines = lines_of(r.err);
    ASSERT_FALSE(lines.empty());
    EXPECT_TRUE(std::regex_match(lines.back(), summary)) << "last stderr line: " << lines.back();
    // Failures are listed again above the summary, with their reason.
    EXPECT_TRUE(contains(r.err, "failed files:\n  broken.mov: empty file (0 bytes)")) << r.err;
}

TEST_F(Convert, ExitCodeIsZeroWhenEveryFileConvertedOrSkipped) {
    clip("a.mov");
    clip("b.mov");
    make_input(at("b.mp4"), 1.0);
    const auto r = sb({"mp4", "-p", "ultrafast", "-s", "a.mov", "b.mov"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.err, "2 files: 1 converted, 1 skipped, 0 failed")) << r.err;
}

TEST_F(Convert, OnlyStderrIsUsedForProgressAndResults) {
    // stdout stays free for machine output (dry-run plans, sb ls).
    clip("clip.mov");
    const auto r = sb({"mp4", "-p", "ultrafast", "clip.mov"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(r.out, "");
}

} // namespace
} // namespace sb::e2e
