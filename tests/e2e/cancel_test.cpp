// Ctrl+C and SIGTERM (issue 3, ADR-003): the first signal lets the running
// conversion finish and cancels the pending ones, a second one stops the running
// one within a second; a final output path never holds a partial file and
// nothing is left behind.
#include "e2e_test.hpp"
#include "json_reader.hpp"

#include <csignal>

namespace sb::e2e {
namespace {

namespace fs = std::filesystem;

// True once a conversion is writing its hidden temporary file in `out`: a job
// is in flight, so a signal now lands mid-run.
bool conversion_running(const fs::path &out) {
    for (const auto &name : file_names(out))
        if (contains(name, ".sb-partial-")) return true;
    return false;
}

class Cancel : public E2eTest {
protected:
    // n copies of a 640x360 clip that -p slow / veryslow takes a while to encode.
    std::vector<std::string> make_inputs(int n, double seconds) {
        auto spec = small_clip(seconds);
        spec.width = 640;
        spec.height = 360;
        std::vector<std::string> names;
        for (int i = 1; i <= n; ++i) {
            names.push_back("take" + std::to_string(i) + ".mov");
            input(names.back(), spec);
        }
        inputs_ = names;
        return names;
    }
    std::map<std::string, std::string> input_sums() const {
        std::vector<fs::path> files;
        for (const auto &n : inputs_) files.push_back(at(n));
        return checksums(files);
    }
    std::vector<std::string> inputs_;
};

TEST_F(Cancel, FirstSigintFinishesTheRunningConversionAndCancelsThePendingOnes) {
    auto args = std::vector<std::string>{"mp4", "-w", "1", "-p", "slow", "--report", "report.json", "-o", "out"};
    for (const auto &n : make_inputs(3, 2.0)) args.push_back(n);
    const auto sums = input_sums();
    fs::create_directories(at("out"));
    Process sb(sb_cmd(args));
    ASSERT_TRUE(sb.wait_until([&] { return conversion_running(at("out")); }, milliseconds(60'000))) << sb.err_so_far();
    sb.send_signal(SIGINT);
    const auto r = sb.wait();

    EXPECT_EQ(r.exit_code, 130) << describe(r);
    EXPECT_EQ(count_of(r.err, "finishing 1 running conversion — press Ctrl+C again to abort"), 1) << r.err;
    // The job in flight finished completely; the other two never started.
    const auto outputs = file_names(at("out"));
    ASSERT_EQ(outputs.size(), 1u) << "expected exactly the in-flight output: " << ::testing::PrintToString(outputs);
    const auto done = fs::path(outputs[0]).replace_extension(".mov").string();
    EXPECT_TRUE(is_conversion_of(at("out") / outputs[0], at(done)));
    EXPECT_EQ(result_lines(r.err, "cancelled").size(), 2u) << r.err;
    EXPECT_TRUE(contains(r.err, "3 files: 1 converted, 0 skipped, 0 failed, 2 cancelled")) << r.err;
    EXPECT_TRUE(stray_files(at("out")).empty()) << ::testing::PrintToString(stray_files(at("out")));
    EXPECT_EQ(input_sums(), sums);

    // The report is written for an interrupted batch too.
    const auto report = parse_json(read_file(at("report.json")));
    EXPECT_TRUE(report["interrupted"].boolean());
    EXPECT_EQ(report["exit_code"].number(), 130);
    EXPECT_EQ(report["cancelled"].number(), 2);
}

TEST_F(Cancel, SecondSigintStopsTheRunningConversionWithinTwoSeconds) {
    // 6 s at veryslow takes several seconds: the abort, not the end of the job,
    // must be what ends the process.
    auto args = std::vector<std::string>{"mp4", "-w", "1", "-p", "veryslow", "-o", "out"};
    for (const auto &n : make_inputs(2, 6.0)) args.push_back(n);
    const auto sums = input_sums();
    fs::create_directories(at("out"));
    Process sb(sb_cmd(args));
    ASSERT_TRUE(sb.wait_until([&] { return conversion_running(at("out")); }, milliseconds(60'000))) << sb.err_so_far();
    sb.send_signal(SIGINT);
    std::this_thread::sleep_for(milliseconds(300));
    ASSERT_TRUE(sb.running()) << "the conversion ended before the second signal; make the input longer\n" << sb.err_so_far();
    sb.send_signal(SIGINT);
    const double second = sb.elapsed();
    const auto r = sb.wait();

    EXPECT_LE(r.seconds - second, 2.0) << "ended " << r.seconds - second << " s after the second SIGINT\n" << describe(r);
    EXPECT_EQ(r.exit_code, 130) << describe(r);
    EXPECT_EQ(count_of(r.err, "press Ctrl+C again to abort"), 1) << r.err;
    EXPECT_TRUE(contains(r.err, "aborting")) << r.err;
    // No partial output and no temporary file: the folder is empty.
    EXPECT_EQ(tree(at("out")), std::vector<std::string>{});
    EXPECT_TRUE(contains(r.err, "2 files: 0 converted, 0 skipped, 0 failed, 2 cancelled")) << r.err;
    EXPECT_EQ(input_sums(), sums);
}

TEST_F(Cancel, SigtermFinishesTheRunningConversionAndExits143) {
    auto args = std::vector<std::string>{"mp4", "-w", "1", "-p", "slow", "-o", "out"};
    for (const auto &n : make_inputs(2, 2.0)) args.push_back(n);
    const auto sums = input_sums();
    fs::create_directories(at("out"));
    Process sb(sb_cmd(args));
    ASSERT_TRUE(sb.wait_until([&] { return conversion_running(at("out")); }, milliseconds(60'000))) << sb.err_so_far();
    sb.send_signal(SIGTERM);
    const auto r = sb.wait();

    EXPECT_EQ(r.exit_code, 143) << describe(r);
    EXPECT_EQ(r.term_signal, 0) << "sb must exit by itself (summary printed), not die of the signal";
    EXPECT_EQ(count_of(r.err, "finishing 1 running conversion"), 1) << r.err;
    const auto outputs = file_names(at("out"));
    ASSERT_EQ(outputs.size(), 1u) << ::testing::PrintToString(outputs);
    EXPECT_TRUE(is_conversion_of(at("out") / outputs[0], at(fs::path(outputs[0]).replace_extension(".mov").string())));
    EXPECT_TRUE(contains(r.err, "2 files: 1 converted, 0 skipped, 0 failed, 1 cancelled")) << r.err;
    EXPECT_EQ(input_sums(), sums);
}

TEST_F(Cancel, TwoWorkersBothFinishAfterTheFirstSigint) {
    auto args = std::vector<std::string>{"mp4", "-w", "2", "-p", "slow", "-o", "out"};
    for (const auto &n : make_inputs(4, 2.0)) args.push_back(n);
    const auto sums = input_sums();
    fs::create_directories(at("out"));
    Process sb(sb_cmd(args));
    auto two_running = [&] {
        int n = 0;
        for (const auto &name : file_names(at("out"))) n += contains(name, ".sb-partial-") ? 1 : 0;
        return n == 2;
    };
    ASSERT_TRUE(sb.wait_until(two_running, milliseconds(60'000))) << sb.err_so_far();
    sb.send_signal(SIGINT);
    const auto r = sb.wait();

    EXPECT_EQ(r.exit_code, 130) << describe(r);
    EXPECT_EQ(count_of(r.err, "finishing 2 running conversions — press Ctrl+C again to abort"), 1) << r.err;
    const auto outputs = file_names(at("out"));
    EXPECT_EQ(outputs.size(), 2u) << ::testing::PrintToString(outputs);
    for (const auto &o : outputs) EXPECT_TRUE(is_conversion_of(at("out") / o, at(fs::path(o).replace_extension(".mov").string())));
    EXPECT_EQ(input_sums(), sums);
}

} // namespace
} // namespace sb::e2e
