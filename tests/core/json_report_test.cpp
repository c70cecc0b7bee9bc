// The --report JSON: parsed back with a real JSON parser (Boost.PropertyTree),
// totals, one entry per input in input order, escaping, atomic write.
#include "core_test_util.hpp"

#include <sb/core/json_report.hpp>

#include "temp_dir.hpp"

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <gtest/gtest.h>

#include <csignal>
#include <iterator>
#include <limits>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
namespace pt = boost::property_tree;
using namespace sb::core;

JobResult result(const std::string &input, JobStatus status, const std::string &reason = "") {
    JobResult r;
    r.input = input;
    r.output = input + ".mp4";
    r.status = status;
    r.reason = reason;
    r.media_seconds = 12.5;
    r.elapsed_seconds = 0.25;
    return r;
}

BatchSummary summary() {
    BatchSummary s;
    s.command = "mp4";
    s.results = {result("a.mov", JobStatus::converted), result("b.mov", JobStatus::failed, "cannot decode"),
                 result("c.mov", JobStatus::skipped, "exists"), result("d.mov", JobStatus::cancelled, "stopped"),
                 result("e.mov", JobStatus::converted)};
    s.wall_seconds = 3.5;
    return s;
}

// Parses `text` as JSON; fails the test (and returns an empty tree) if it is not.
pt::ptree parse(const std::string &text) {
    std::istringstream in(text);
    pt::ptree tree;
    try {
        pt::read_json(in, tree);
    } catch (const pt::json_parser_error &e) {
        ADD_FAILURE() << "not valid JSON: " << e.what() << "\n" << text;
    }
    return tree;
}

TEST(JsonReport, HasTheTotalsAndOneEntryPerInputInOrder) {
    const auto s = summary();
    const auto tree = parse(json_report(s));
    EXPECT_EQ(tree.get<std::string>("command"), "mp4");
    EXPECT_EQ(tree.get<int>("total"), 5);
    EXPECT_EQ(tree.get<int>("converted"), 2);
    EXPECT_EQ(tree.get<int>("failed"), 1);
    EXPECT_EQ(tree.get<int>("skipped"), 1);
    EXPECT_EQ(tree.get<int>("cancelled"), 1);
    EXPECT_EQ(tree.get<int>("exit_code"), 1);
    EXPECT_EQ(tree.get<std::string>("interrupted"), "false");
    EXPECT_DOUBLE_EQ(tree.get<double>("wall_seconds"), 3.5);
    const auto &files = tree.get_child("files");
    ASSERT_EQ(files.size(), s.results.size());
    std::size_t i = 0;
    for (const auto &[key, entry] : files) {
        EXPECT_TRUE(key.empty()) << "files is an array";
        EXPECT_EQ(entry.get<std::string>("input"), s.results[i].input);
        EXPECT_EQ(entry.get<std::string>("output"), s.results[i].output);
        EXPECT_EQ(entry.get<std::string>("status"), status_name(s.results[i].status));
        EXPECT_EQ(entry.get<std::string>("reason"), s.results[i].reason);
        EXPECT_DOUBLE_EQ(entry.get<double>("media_seconds"), 12.5);
        ++i;
    }
}

TEST(JsonReport, EscapesQuotesBackslashesAndControlCharacters) {
    const std::string nasty = "say \"hi\" \\ back\\slash\nnew line\ttab\x01\x1f end, caf\xc3\xa9";
    auto s = summary();
    s.results[1].input = nasty;
    s.results[1].reason = nasty;
    s.results[1].warnings = {nasty, "plain"};
    const auto text = json_report(s);
    const auto tree = parse(text);
    const auto &second = std::next(tree.get_child("files").begin())->second;
    EXPECT_EQ(second.get<std::string>("input"), nasty);
    EXPECT_EQ(second.get<std::string>("reason"), nasty);
    const auto &warnings = second.get_child("warnings");
    ASSERT_EQ(warnings.size(), 2u);
    EXPECT_EQ(warnings.begin()->second.data(), nasty);
    EXPECT_EQ(json_escape("\x01"), "\"\\u0001\"");
}

TEST(JsonReport, FileNamesThatAreNotUtf8StayValidJson) {
    // Linux file names are bytes: Latin-1, a cut multi-byte sequence, an
    // overlong encoding, an encoded surrogate.
    auto s = summary();
    s.results[0].input = "caf\xe9.mov";
    s.results[1].input = "cut\xe2\x82.mov";
    s.results[2].input = "overlong\xc0\xaf.mov";
    s.results[3].input = "surrogate\xed\xa0\x80.mov";
    s.results[4].input = "fine caf\xc3\xa9 \xf0\x9f\x8e\xac.mov"; // well-formed: kept as is
    const auto text = json_report(s);
    const auto tree = parse(text);
    const auto &files = tree.get_child("files");
    ASSERT_EQ(files.size(), s.results.size()) << text;
    const std::string replacement = "\xef\xbf\xbd"; // U+FFFD
    auto it = files.begin();
    EXPECT_EQ(it->second.get<std::string>("input"), "caf" + replacement + ".mov");
    EXPECT_EQ((++it)->second.get<std::string>("input").rfind("cut", 0), 0u);
    std::advance(it, 3);
    EXPECT_EQ(it->second.get<std::string>("input"), s.results[4].input);
}

TEST(JsonReport, UnknownOrNonFiniteNumbersStayValidJson) {
    // A plugin's probe may report NaN or infinity for a duration.
    auto s = summary();
    s.results[0].media_seconds = std::numeric_limits<double>::quiet_NaN();
    s.results[1].media_seconds = std::numeric_limits<double>::infinity();
    s.results[2].media_seconds = -1; // unknown
    const auto text = json_report(s);
    const auto tree = parse(text);
    EXPECT_EQ(tree.get_child("files").size(), s.results.size()) << text;
}

TEST(JsonReport, InterruptedBatchRecordsItsExitCode) {
    auto s = summary();
    s.interrupted_by = SIGINT;
    const auto tree = parse(json_report(s));
    EXPECT_EQ(tree.get<std::string>("interrupted"), "true");
    EXPECT_EQ(tree.get<int>("exit_code"), 130);
}

TEST(JsonReport, EmptyBatchIsValid) {
    BatchSummary s;
    s.command = "mp4";
    const auto tree = parse(json_report(s));
    EXPECT_EQ(tree.get<int>("total"), 0);
}

TEST(JsonReport, WrittenAtomicallyToItsPath) {
    sb::test::TempDir tmp;
    const auto path = tmp.path() / "reports" / "batch.json";
    sb::test::write_file(path, "old report");
    write_json_report(summary(), path);
    const auto tree = parse(sb::test::read_file(path));
    EXPECT_EQ(tree.get<int>("total"), 5);
    EXPECT_TRUE(sb::test::temp_outputs_below(tmp.path()).empty());
}

} // namespace
