// A plugin built against the frozen ABI 1.0 header (fixture_abi10.c, "old-abi")
// in today's host: the real `sb` binary loads it, lists it as ABI 1.0, builds
// its options and runs its conversion. This is the promise "a plugin built
// against ABI 1.0 keeps loading in every 1.x host" (ADR-001).
#include "file_checks.hpp"
#include "run_output.hpp"
#include "subprocess.hpp"
#include "temp_dir.hpp"

#include <sb/plugin_abi.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace sb::sdk_test {
namespace {

namespace fs = std::filesystem;
using e2e::Completed;
using e2e::contains;
using e2e::describe;

class Abi10Plugin : public ::testing::Test {
protected:
    // sb with SB_PLUGIN_PATH = the folder holding only the 1.0 fixture, run in dir().
    Completed sb(std::vector<std::string> args) const {
        e2e::Command c;
        c.argv.push_back(SB_SDK_TEST_SB_PATH);
        c.argv.insert(c.argv.end(), args.begin(), args.end());
        c.cwd = dir();
        c.env["SB_PLUGIN_PATH"] = std::string(SB_SDK_TEST_ABI10_PLUGIN_DIR);
        c.env["CI"] = std::nullopt;
        return e2e::run(c, e2e::milliseconds(30'000));
    }
    const fs::path &dir() const { return tmp_.path(); }

private:
    test::TempDir tmp_;
};

TEST_F(Abi10Plugin, IsListedBySbLsAsAbi10AndNotRejected) {
    const Completed r = sb({"ls"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.out, "old-abi\n  Copy files (plugin built against ABI 1.0)")) << describe(r);
    EXPECT_TRUE(contains(r.out, "plugin:  org.sb.test.abi10 1.0.0 (ABI 1.0)")) << describe(r);
    EXPECT_TRUE(contains(r.out, fs::path(SB_SDK_TEST_ABI10_PLUGIN_DIR).string())) << "listed with its file: " << describe(r);
    EXPECT_FALSE(contains(r.out, "rejected")) << describe(r);

    const Completed json = sb({"ls", "--json"});
    ASSERT_EQ(json.exit_code, 0) << describe(json);
    EXPECT_TRUE(contains(json.out, "\"name\": \"old-abi\"")) << describe(json);
    EXPECT_TRUE(contains(json.out, "\"abi\": \"1.0\"")) << describe(json);
}

TEST_F(Abi10Plugin, ConvertsAFileThroughSb) {
    const std::string content = "bytes of an old plugin's input\n" + std::string(10000, 'x');
    e2e::write_file(dir() / "notes.old", content);
    const Completed r = sb({"old-abi", "-v", "--mode", "fancy", "-o", "out", "notes.old"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(e2e::read_file(dir() / "out" / "notes.copy"), content);
    EXPECT_TRUE(contains(r.err, "copied by an ABI 1.0 plugin")) << "its log line reaches sb's log: " << describe(r);
    EXPECT_EQ(e2e::file_names(dir() / "out"), std::vector<std::string>{"notes.copy"}) << "no temporary file left";
}

TEST_F(Abi10Plugin, HostValidatesItsOptionsFromThe10Descriptor) {
    e2e::write_file(dir() / "notes.old", "x");
    const Completed r = sb({"old-abi", "--mode", "shiny", "notes.old"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, "--mode")) << describe(r);
    EXPECT_TRUE(contains(r.err, "plain")) << "names the allowed values: " << describe(r);
    EXPECT_FALSE(fs::exists(dir() / "notes.copy"));

    const Completed help = sb({"old-abi", "--help"});
    EXPECT_EQ(help.exit_code, 0) << describe(help);
    EXPECT_TRUE(contains(help.out, "--mode")) << describe(help);
    EXPECT_TRUE(contains(help.out, "Copy mode")) << describe(help);
}

} // namespace
} // namespace sb::sdk_test
