// The command-line contract (issue 2): help, sb ls, sb version, value
// validation, and converters existing only because a plugin provides them.
#include "e2e_test.hpp"
#include "json_reader.hpp"

#include <sys/stat.h>

#include <sb/plugin_abi.h>

#include <algorithm>
#include <regex>

namespace sb::e2e {
namespace {

namespace fs = std::filesystem;

// The lines of `sb --help` under "Subcommands:".
std::vector<std::string> subcommand_lines(const std::string &help) {
    std::vector<std::string> out;
    bool in_section = false;
    for (const auto &line : lines_of(help)) {
        if (line.rfind("Subcommands:", 0) == 0) {
            in_section = true;
            continue;
        }
        if (in_section && line.empty()) break;
        if (in_section) out.push_back(line);
    }
    return out;
}

bool lists_command(const std::string &help, const std::string &name) {
    const std::regex entry("^  " + name + "( |$)");
    for (const auto &line : subcommand_lines(help))
        if (std::regex_search(line, entry)) return true;
    return false;
}

class Cli : public E2eTest {
protected:
    // A copy of sb in <tmp>/bin/ next to an empty plugins/ folder: the layout of
    // the build tree with mov_to_mp4.so moved away.
    fs::path sb_without_plugins() {
        const auto bin = at("bin");
        fs::create_directories(bin / "plugins");
        fs::copy_file(sb_executable(), bin / "sb");
        return bin / "sb";
    }
    Completed run_copy(const fs::path &exe, std::vector<std::string> args, std::optional<std::string> plugin_path = {}) {
        auto c = sb_cmd(std::move(args));
        c.argv[0] = exe.string();
        c.env["SB_PLUGIN_PATH"] = plugin_path;
        return run(c);
    }
};

TEST_F(Cli, HelpListsMp4WithItsOneLineSummary) {
    const auto r = sb({"--help"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(lists_command(r.out, "mp4")) << r.out;
    EXPECT_TRUE(lists_command(r.out, "ls")) << r.out;
    EXPECT_TRUE(lists_command(r.out, "version")) << r.out;
    // The listing gives the converter's one-line summary; the long description
    // belongs to `sb mp4 --help`.
    const auto mp4 = lines_containing(r.out, "  mp4 ");
    ASSERT_EQ(mp4.size(), 1u) << r.out;
    EXPECT_TRUE(contains(mp4[0], "Convert videos to MP4")) << mp4[0];
    EXPECT_LT(mp4[0].size(), 120u) << "not one line: " << mp4[0];
}

TEST_F(Cli, Mp4HelpDocumentsEveryFlag) {
    const auto r = sb({"mp4", "--help"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    for (const char *flag : {"-w,--workers", "-o,--out", "-d,--dir", "-r,--recursive", "-f,--flat", "-s,--skip", "--overwrite",
                             "-n,--dry-run", "-v,--verbose", "--quiet", "--no-progress", "--order", "--report", "--config",
                             "-q,--quality", "-p,--preset", "-c,--codec", "--audio ", "--audio-bitrate", "-b,--bitrate", "--hw"})
        EXPECT_TRUE(contains(r.out, flag)) << "sb mp4 --help does not document " << flag << "\n" << r.out;
    // Allowed values and defaults are part of the documentation.
    for (const char *text : {"ultrafast", "veryslow", "h264", "h265", "vp9", "aac", "mp3", "copy", "nvenc", "qsv", "vaapi",
                             "0..51", "default 23", "default medium", "default 192k", "longest", "input"})
        EXPECT_TRUE(contains(r.out, text)) << "sb mp4 --help does not mention " << text << "\n" << r.out;
    const auto config = lines_containing(r.out, "--config");
    ASSERT_FALSE(config.empty());
    EXPECT_TRUE(contains(r.out.substr(r.out.find("--config")), "not yet supported")) << r.out;
}

TEST_F(Cli, WithoutTheMp4PluginMp4IsAnUnknownCommand) {
    const auto exe = sb_without_plugins();
    clip("clip.mov");
    const auto convert = run_copy(exe, {"mp4", "clip.mov"});
    EXPECT_EQ(convert.exit_code, 2) << describe(convert);
    EXPECT_TRUE(contains(convert.err, "unknown command 'mp4'")) << convert.err;
    EXPECT_FALSE(fs::exists(at("clip.mp4")));

    const auto help = run_copy(exe, {"--help"});
    EXPECT_EQ(help.exit_code, 0) << describe(help);
    EXPECT_FALSE(lists_command(help.out, "mp4")) << help.out;
    EXPECT_TRUE(lists_command(help.out, "ls")) << "nothing else changes:\n" << help.out;

    const auto ls = run_copy(exe, {"ls"});
    EXPECT_EQ(ls.exit_code, 0) << describe(ls);
    const auto listed = lines_of(ls.out);
    EXPECT_EQ(std::count(listed.begin(), listed.end(), "mp4"), 0) << ls.out;
    EXPECT_TRUE(contains(ls.out, "no converters loaded")) << ls.out;
}

TEST_F(Cli, PluginPathWithOnlyAFixtureProvidesOnlyThatConverter) {
    const fs::path fixture = fixture_plugin_dir() / "copy";
    if (!fs::is_directory(fixture)) GTEST_SKIP() << "fixture plugin folder " << fixture << " was not built";
    const auto exe = sb_without_plugins();
    const auto ls = run_copy(exe, {"ls"}, fixture.string());
    EXPECT_EQ(ls.exit_code, 0) << describe(ls);
    EXPECT_TRUE(contains(ls.out, "fixture-copy")) << ls.out;
    const auto listed = lines_of(ls.out); // converter names stand alone on their line
    EXPECT_EQ(std::count(listed.begin(), listed.end(), "mp4"), 0) << ls.out;
    const auto help = run_copy(exe, {"--help"}, fixture.string());
    EXPECT_TRUE(lists_command(help.out, "fixture-copy")) << help.out;
    EXPECT_FALSE(lists_command(help.out, "mp4")) << help.out;
    const auto convert = run_copy(exe, {"mp4", "x.mov"}, fixture.string());
    EXPECT_EQ(convert.exit_code, 2) << describe(convert);
}

TEST_F(Cli, LsShowsEachConverterAndTheFileItCameFrom) {
    const auto r = sb({"ls"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    // Converters are listed by name, one block each, names flush left.
    const auto lines = lines_of(r.out);
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(std::count(lines.begin(), lines.end(), "mp4"), 1) << r.out;
    EXPECT_EQ(std::count(lines.begin(), lines.end(), "audio"), 1) << r.out;
    EXPECT_TRUE(contains(r.out, "Convert videos to MP4")) << r.out;
    EXPECT_TRUE(contains(r.out, "inputs:  .mov .avi .mkv .flv .wmv .m4v .mpeg .mpg .webm .mp4 .3gp .mts .m2ts .ts")) << r.out;
    EXPECT_TRUE(contains(r.out, "output:  .mp4")) << r.out;
    EXPECT_TRUE(contains(r.out, "file:    " + mp4_plugin_file().string())) << r.out;
    EXPECT_TRUE(contains(r.out, "(ABI 1.")) << r.out;
}

TEST_F(Cli, LsJsonIsValidAndNamesThePluginFile) {
    const auto r = sb({"ls", "--json"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    JsonValue doc;
    ASSERT_NO_THROW(doc = parse_json(r.out)) << r.out;
    const auto &converters = doc["converters"].array();
    ASSERT_EQ(converters.size(), 2u) << r.out; // mp4 and audio
    const JsonValue *mp4 = nullptr;
    for (const auto &c : converters)
        if (c["name"].string() == "mp4") mp4 = &c;
    ASSERT_NE(mp4, nullptr) << r.out;
    EXPECT_EQ((*mp4)["output"].string(), ".mp4");
    EXPECT_EQ((*mp4)["file"].string(), mp4_plugin_file().string());
    EXPECT_EQ((*mp4)["inputs"].array().size(), 14u);
    EXPECT_TRUE(doc["rejected"].array().empty());
}

TEST_F(Cli, LsListsRejectedPluginFilesWithTheirReasons) {
    // A plugin folder that other users may write to: loading code from it would
    // let them run code as us.
    const auto open_dir = at("world-writable");
    fs::create_directories(open_dir);
    fs::copy_file(mp4_plugin_file(), open_dir / "mov_to_mp4.so");
    ASSERT_EQ(::chmod(open_dir.c_str(), 0777), 0);
    std::string plugin_path = open_dir.string();
    const fs::path wrong_major = fixture_plugin_dir() / "wrong_major";
    const bool have_fixture = fs::is_directory(wrong_major);
    if (have_fixture) plugin_path += ":" + wrong_major.string();

    auto c = sb_cmd({"ls"});
    c.env["SB_PLUGIN_PATH"] = plugin_path;
    const auto r = run(c);
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.out, "rejected plugin files:")) << r.out;
    const auto writable = lines_containing(r.out, (open_dir / "mov_to_mp4.so").string());
    ASSERT_EQ(writable.size(), 1u) << r.out;
    EXPECT_TRUE(contains(writable[0], "writable by other users")) << writable[0];
    if (have_fixture) {
        const auto abi = lines_containing(r.out, "fixture_wrong_major.so");
        ASSERT_EQ(abi.size(), 1u) << r.out;
        EXPECT_TRUE(contains(abi[0], "ABI 2.0")) << abi[0];
        const std::string host_abi = std::to_string(SB_ABI_VERSION_MAJOR) + "." + std::to_string(SB_ABI_VERSION_MINOR);
        EXPECT_TRUE(contains(abi[0], "host ABI " + host_abi)) << abi[0];
    }
    // The build tree's own plugin still loads: a refused file is never fatal.
    const auto listed = lines_of(r.out);
    EXPECT_EQ(std::count(listed.begin(), listed.end(), "mp4"), 1) << r.out;
}

TEST_F(Cli, RelativePluginPathEntriesAreIgnoredWithAWarning) {
    auto c = sb_cmd({"ls"});
    c.env["SB_PLUGIN_PATH"] = "plugins";
    const auto r = run(c);
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.err, "SB_PLUGIN_PATH entry 'plugins' ignored")) << r.err;
}

TEST_F(Cli, VersionPrintsSbAbiAndFfmpegVersions) {
    const auto r = sb({"version"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(^sb \d+\.\d+\.\d+)"))) << r.out;
    EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(plugin ABI \d+\.\d+)"))) << r.out;
    for (const char *lib : {"libavformat 59.", "libavcodec 59.", "libavutil 57.", "libswscale", "libswresample"})
        EXPECT_TRUE(contains(r.out, lib)) << r.out;
}

struct BadValue {
    std::vector<std::string> args;
    std::string flag;                  // named in the message
    std::vector<std::string> allowed;  // every allowed value (or the range) is named too
};

class CliRejects : public Cli, public ::testing::WithParamInterface<BadValue> {};

TEST_P(CliRejects, NamingTheFlagAndTheAllowedValues) {
    clip("clip.mov");
    auto args = GetParam().args;
    args.insert(args.begin(), "mp4");
    args.push_back("clip.mov");
    const auto r = sb(args);
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    const auto lines = lines_containing(r.err, GetParam().flag);
    ASSERT_FALSE(lines.empty()) << "no message names " << GetParam().flag << "\n" << r.err;
    for (const auto &allowed : GetParam().allowed) EXPECT_TRUE(contains(lines[0], allowed)) << lines[0];
    // Never silently replaced by a default: nothing was converted.
    EXPECT_FALSE(fs::exists(at("clip.mp4")));
}

const std::vector<std::string> kPresets = {"ultrafast", "superfast", "veryfast", "faster", "fast",
                                           "medium",    "slow",      "slower",   "veryslow"};

INSTANTIATE_TEST_SUITE_P(
    Values, CliRejects,
    ::testing::Values(BadValue{{"-q", "99"}, "--quality", {"0..51"}}, BadValue{{"-q", "-1"}, "--quality", {"0..51"}},
                      BadValue{{"-q", "high"}, "--quality", {"0..51"}}, BadValue{{"-p", "fastest"}, "--preset", kPresets},
                      BadValue{{"-c", "h266"}, "--codec", {"h264", "h265", "vp9"}},
                      BadValue{{"--audio", "flac"}, "--audio", {"aac", "mp3", "copy"}},
                      BadValue{{"-w", "0"}, "--workers", {"1", "256"}}, BadValue{{"-w", "257"}, "--workers", {"1", "256"}},
                      BadValue{{"-b", "junk"}, "--bitrate", {"10k..1G"}},
                      BadValue{{"--audio-bitrate", "2"}, "--audio-bitrate", {"8k..1M"}},
                      BadValue{{"--hw", "foo"}, "--hw", {"none", "nvenc", "qsv", "vaapi"}},
                      BadValue{{"--order", "random"}, "--order", {"longest", "input"}}),
    [](const auto &param_info) {
        std::string name = param_info.param.flag.substr(2) + "_" + param_info.param.args[1];
        for (auto &c : name)
            if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
        return name;
    });

TEST_F(Cli, NoInputsIsAUsageError) {
    const auto r = sb({"mp4"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, "no inputs")) << r.err;
}

TEST_F(Cli, EmptyFolderIsAUsageError) {
    fs::create_directories(at("empty"));
    const auto r = sb({"mp4", "-d", "empty"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, "no input files found")) << r.err;
}

TEST_F(Cli, UnknownFlagIsAUsageError) {
    clip("clip.mov");
    const auto r = sb({"mp4", "--bogus", "clip.mov"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, "--bogus")) << r.err;
    EXPECT_FALSE(fs::exists(at("clip.mp4")));
}

TEST_F(Cli, SkipAndOverwriteTogetherAreAUsageError) {
    clip("clip.mov");
    const auto r = sb({"mp4", "-s", "--overwrite", "clip.mov"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, "--skip")) << r.err;
    EXPECT_TRUE(contains(r.err, "--overwrite")) << r.err;
}

TEST_F(Cli, ConfigFileIsNotYetSupported) {
    clip("clip.mov");
    write_file(at("sb.toml"), "workers = 2\n");
    const auto r = sb({"mp4", "--config", "sb.toml", "clip.mov"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, "--config")) << r.err;
    EXPECT_TRUE(contains(r.err, "not yet supported")) << r.err;
    EXPECT_FALSE(fs::exists(at("clip.mp4")));
}

TEST_F(Cli, OutPathThatIsAFileIsAUsageError) {
    clip("clip.mov");
    write_file(at("taken"), "a file, not a folder\n");
    const auto r = sb({"mp4", "-o", "taken", "clip.mov"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, "taken")) << r.err;
    EXPECT_EQ(read_file(at("taken")), "a file, not a folder\n");
}

} // namespace
} // namespace sb::e2e
