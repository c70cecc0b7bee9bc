// --report FILE (README): a valid JSON document with the totals and one entry
// per input, in input order, each with its status and reason.
#include "e2e_test.hpp"
#include "json_reader.hpp"

namespace sb::e2e {
namespace {

namespace fs = std::filesystem;

class JsonReport : public E2eTest {};

TEST_F(JsonReport, IsValidJsonWithOneEntryPerInput) {
    clip("good.mov");
    clip("done.mov");
    make_input(at("out/done.mp4"), 1.0);
    write_file(at("text \"quoted\".mov"), "not a video\n");
    const auto r = sb({"mp4", "-p", "ultrafast", "-s", "-o", "out", "--report", "reports/batch.json", "good.mov", "done.mov",
                       "text \"quoted\".mov", "missing.mov"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    ASSERT_TRUE(fs::exists(at("reports/batch.json"))) << describe(r);
    JsonValue doc;
    ASSERT_NO_THROW(doc = parse_json(read_file(at("reports/batch.json")))) << read_file(at("reports/batch.json"));

    EXPECT_EQ(doc["command"].string(), "mp4");
    EXPECT_EQ(doc["total"].number(), 4);
    EXPECT_EQ(doc["converted"].number(), 1);
    EXPECT_EQ(doc["skipped"].number(), 1);
    EXPECT_EQ(doc["failed"].number(), 2);
    EXPECT_EQ(doc["cancelled"].number(), 0);
    EXPECT_EQ(doc["exit_code"].number(), 1);
    EXPECT_FALSE(doc["interrupted"].boolean());
    EXPECT_GE(doc["wall_seconds"].number(), 0);

    const auto &files = doc["files"].array();
    ASSERT_EQ(files.size(), 4u);
    const std::vector<std::pair<std::string, std::string>> want = {
        {"good.mov", "converted"}, {"done.mov", "skipped"}, {"text \"quoted\".mov", "failed"}, {"missing.mov", "failed"}};
    for (std::size_t i = 0; i < want.size(); ++i) {
        SCOPED_TRACE(want[i].first);
        EXPECT_EQ(files[i]["input"].string(), want[i].first);
        EXPECT_EQ(files[i]["status"].string(), want[i].second);
        EXPECT_TRUE(files[i]["reason"].is_string());
        EXPECT_TRUE(files[i]["warnings"].is_array());
        if (want[i].second != "converted") {
            EXPECT_FALSE(files[i]["reason"].string().empty());
        }
    }
    EXPECT_EQ(files[0]["output"].string(), "out/good.mp4");
    EXPECT_NEAR(files[0]["media_seconds"].number(), 1.0, 0.05);
    EXPECT_TRUE(contains(files[2]["reason"].string(), "not a media file"));
    EXPECT_TRUE(contains(files[3]["reason"].string(), "no such file"));
    // Written atomically: no temporary file beside it.
    EXPECT_EQ(tree(at("reports")), std::vector<std::string>{"batch.json"});
}

TEST_F(JsonReport, UnwritableReportPathFailsTheRunBeforeAnyWork) {
    clip("good.mov");
    write_file(at("blocker"), "a file where the report folder would be\n");
    const auto r = sb({"mp4", "-p", "ultrafast", "--report", "blocker/report.json", "good.mov"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    const auto errors = lines_containing(r.err, "sb: error: --report blocker/report.json: ");
    EXPECT_EQ(errors.size(), 1u) << r.err;
    EXPECT_FALSE(fs::exists(at("good.mp4"))) << "nothing is converted when the report cannot be written";
}

TEST_F(JsonReport, ReportPathThatIsAFolderIsAUsageError) {
    clip("good.mov");
    fs::create_directories(at("reports"));
    const auto r = sb({"mp4", "-p", "ultrafast", "--report", "reports", "good.mov"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, "--report reports: is a folder")) << r.err;
    EXPECT_FALSE(fs::exists(at("good.mp4")));
    EXPECT_TRUE(file_names(at("reports")).empty()) << "the check leaves nothing behind";
}

TEST_F(JsonReport, DryRunSaysItWritesNoReport) {
    clip("good.mov");
    const auto r = sb({"mp4", "-n", "--report", "report.json", "good.mov"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.err, "--report report.json: nothing is written for a dry run")) << r.err;
    EXPECT_FALSE(fs::exists(at("report.json")));
}

} // namespace
} // namespace sb::e2e
