// BatchRunner with real fixture plugins (tests/plugins): thread budget, job
// order, failures that stay with their file, stop_pending() and abort(), and
// results in input order. Outputs are read back; temporary files must be gone.
#include "core_test_util.hpp"

#include <sb/core/batch_runner.hpp>
#include <sb/core/descriptor_access.hpp>
#include <sb/core/input_collector.hpp>

#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace sb::core;
using sb::test::CapturedFile;
using sb::test::FixturePlugin;
using sb::test::read_file;
using sb::test::temp_outputs_below;
using sb::test::wait_until;
using sb::test::write_file;

BatchPlan plan_files(const std::vector<fs::path> &files, const LoadedConverter &converter,
                     ExistingOutputPolicy existing = ExistingOutputPolicy::fail) {
    CollectOptions collect;
    for (const auto &f : files) collect.arguments.push_back(f.string());
    PlanOptions options;
    options.output_extension = converter.desc->output_extension;
    options.existing = existing;
    auto plan = plan_batch(collect_inputs(collect), options);
    if (!plan.usage_errors.empty()) throw std::runtime_error(plan.usage_errors.front());
    return plan;
}

RunSettings settings(std::size_t workers, std::size_t cpus = 4, JobOrder order = JobOrder::longest_first) {
    RunSettings s;
    s.workers = workers;
    s.cpu_count = cpus;
    s.order = order;
    return s;
}

OptionValues with(const LoadedConverter &converter, const std::string &name, const std::string &text) {
    OptionValues values(*converter.desc);
    const sb_option_desc *desc = nullptr;
    for (std::uint32_t i = 0; i < converter.desc->option_count; ++i)
        if (name == option_at(*converter.desc, i).name) desc = &option_at(*converter.desc, i);
    if (!desc) throw std::runtime_error("no option " + name);
    auto parsed = parse_option_value(*desc, text);
    values.set_explicit(name, std::get<OptionValue>(parsed));
    return values;
}

// Input file names in the order the console reported them finished.
std::vector<std::string> finish_order(const std::string &console, const std::vector<fs::path> &inputs) {
    std::vector<std::string> order;
    for (const auto &line : sb::test::lines_of(console))
        for (const auto &in : inputs)
            if (line.find(in.filename().string() + " ") != std::string::npos && line.rfind("ok ", 0) == 0)
                order.push_back(in.filename().string());
    return order;
}

class Runner : public ::testing::Test {
protected:
    fs::path make_input(const std::string &name, const std::string &content) {
        const auto p = tmp_.path() / name;
        write_file(p, content);
        return p;
    }
    const fs::path &dir() const { return tmp_.path(); }

    BatchSummary run(const LoadedConverter &converter, const OptionValues &values, RunSettings run_settings,
                     const BatchPlan &plan) {
        ConsoleReporter reporter(console_.get(), {});
        BatchRunner runner(converter, values, run_settings, reporter);
        auto summary = runner.run(plan);
        reporter.batch_finished(summary);
        return summary;
    }
    std::string console() const { return console_.text(); }

    CapturedFile console_;

private:
    sb::test::TempDir tmp_;
};

TEST(RunnerBudget, DividesCpusAmongWorkersOrUnfinishedJobs) {
    EXPECT_EQ(BatchRunner::thread_budget(8, 4, 100), 2); // 8 / min(4, 100)
    EXPECT_EQ(BatchRunner::thread_budget(8, 4, 2), 4);   // fewer jobs than workers: freed cores
    EXPECT_EQ(BatchRunner::thread_budget(8, 4, 1), 8);
    EXPECT_EQ(BatchRunner::thread_budget(7, 2, 5), 3);   // rounds down
    EXPECT_EQ(BatchRunner::thread_budget(2, 4, 4), 1);   // never below one
    EXPECT_EQ(BatchRunner::thread_budget(8, 4, 0), 8);   // no division by zero
    EXPECT_EQ(BatchRunner::thread_budget(1, 1, 1), 1);
}

TEST_F(Runner, ThreadBudgetReachesThePluginWhileJobsRunTogether) {
    FixturePlugin slow("slow");
    const auto a = make_input("a.txt", "seconds=0.3\n");
    const auto b = make_input("b.txt", "seconds=0.3\n");
    // 8 CPUs, 2 workers, 2 jobs running at once: 4 threads each.
    const auto summary = run(slow.converter(), OptionValues(*slow.converter().desc), settings(2, 8), plan_files({a, b}, slow.converter()));
    ASSERT_EQ(summary.count(JobStatus::converted), 2u) << console();
    EXPECT_NE(read_file(dir() / "a.out").find("threads=4"), std::string::npos) << read_file(dir() / "a.out");
    EXPECT_NE(read_file(dir() / "b.out").find("threads=4"), std::string::npos) << read_file(dir() / "b.out");
}

TEST_F(Runner, LastJobGetsTheFreedCores) {
    FixturePlugin copy("copy");
    const auto a = make_input("a.txt", "alone");
    const auto summary = run(copy.converter(), OptionValues(*copy.converter().desc), settings(4, 8), plan_files({a}, copy.converter()));
    ASSERT_EQ(summary.count(JobStatus::converted), 1u) << console();
    EXPECT_NE(read_file(dir() / "a.out").find("threads=8"), std::string::npos) << read_file(dir() / "a.out");
}

TEST_F(Runner, LongestJobStartsFirst) {
    FixturePlugin copy("copy"); // probe: one second per 1000 bytes
    const auto small = make_input("small.txt", std::string(10, 's'));
    const auto large = make_input("large.txt", std::string(3000, 'l'));
    const auto medium = make_input("medium.txt", std::string(500, 'm'));
    const std::vector<fs::path> inputs{small, large, medium};
    const auto summary = run(copy.converter(), OptionValues(*copy.converter().desc), settings(1), plan_files(inputs, copy.converter()));
    ASSERT_EQ(summary.count(JobStatus::converted), 3u) << console();
    EXPECT_EQ(finish_order(console(), inputs), (std::vector<std::string>{"large.txt", "medium.txt", "small.txt"})) << console();
}

TEST_F(Runner, OrderInputKeepsTheGivenOrder) {
    FixturePlugin copy("copy");
    const auto small = make_input("small.txt", std::string(10, 's'));
    const auto large = make_input("large.txt", std::string(3000, 'l'));
    const auto medium = make_input("medium.txt", std::string(500, 'm'));
    const std::vector<fs::path> inputs{small, large, medium};
    const auto summary = run(copy.converter(), OptionValues(*copy.converter().desc), settings(1, 4, JobOrder::input),
                             plan_files(inputs, copy.converter()));
    ASSERT_EQ(summary.count(JobStatus::converted), 3u) << console();
    EXPECT_EQ(finish_order(console(), inputs), (std::vector<std::string>{"small.txt", "large.txt", "medium.txt"})) << console();
}

TEST_F(Runner, LongestFirstFallsBackToFileSizeWithoutProbe) {
    FixturePlugin c("c"); // the C fixture has no probe()
    const auto small = make_input("small.ctxt", std::string(10, 's'));
    const auto large = make_input("large.ctxt", std::string(3000, 'l'));
    const std::vector<fs::path> inputs{small, large};
    const auto summary = run(c.converter(), OptionValues(*c.converter().desc), settings(1), plan_files(inputs, c.converter()));
    ASSERT_EQ(summary.count(JobStatus::converted), 2u) << console();
    EXPECT_EQ(finish_order(console(), inputs), (std::vector<std::string>{"large.ctxt", "small.ctxt"})) << console();
}

TEST_F(Runner, FailedJobDoesNotStopOthers) {
    FixturePlugin copy("copy");
    const std::vector<fs::path> inputs{make_input("ok1.txt", "one"), make_input("fail.txt", "FAIL please"),
                                       make_input("ok2.txt", "two"), make_input("throw.txt", "THROW please"),
                                       make_input("ok3.txt", "three")};
    const auto summary = run(copy.converter(), OptionValues(*copy.converter().desc), settings(2), plan_files(inputs, copy.converter()));

    ASSERT_EQ(summary.results.size(), 5u);
    EXPECT_EQ(summary.count(JobStatus::converted), 3u) << console();
    EXPECT_EQ(summary.results[1].status, JobStatus::failed);
    EXPECT_EQ(summary.results[1].reason, "fixture failure requested by the input");
    EXPECT_EQ(summary.results[3].status, JobStatus::failed);
    EXPECT_NE(summary.results[3].reason.find("non-standard exception"), std::string::npos) << summary.results[3].reason;
    EXPECT_TRUE(fs::exists(dir() / "ok1.out"));
    EXPECT_TRUE(fs::exists(dir() / "ok2.out"));
    EXPECT_TRUE(fs::exists(dir() / "ok3.out"));
    EXPECT_FALSE(fs::exists(dir() / "fail.out"));
    EXPECT_FALSE(fs::exists(dir() / "throw.out"));
    EXPECT_TRUE(temp_outputs_below(dir()).empty());
    EXPECT_EQ(exit_code(summary), 1);
}

TEST_F(Runner, ThrowingConverterFailsEachJobAloneAndRemovesItsPartialFile) {
    FixturePlugin throws("throws");
    const std::vector<fs::path> inputs{make_input("a.txt", "a"), make_input("b.txt", "b")};
    const auto summary = run(throws.converter(), with(throws.converter(), "kind", "sdk"), settings(2),
                             plan_files(inputs, throws.converter()));
    ASSERT_EQ(summary.results.size(), 2u);
    for (const auto &r : summary.results) {
        EXPECT_EQ(r.status, JobStatus::failed);
        EXPECT_EQ(r.reason, "fixture-throws: convert threw (sdk)");
    }
    EXPECT_FALSE(fs::exists(dir() / "a.out"));
    EXPECT_FALSE(fs::exists(dir() / "b.out"));
    EXPECT_TRUE(temp_outputs_below(dir()).empty()) << "the partial output of a failed job must be removed";
}

TEST_F(Runner, ConverterReportingSuccessWithoutOutputFails) {
    FixturePlugin copy("copy");
    const auto summary = run(copy.converter(), OptionValues(*copy.converter().desc), settings(1),
                             plan_files({make_input("empty.txt", "EMPTY")}, copy.converter()));
    ASSERT_EQ(summary.results.size(), 1u);
    EXPECT_EQ(summary.results[0].status, JobStatus::failed);
    EXPECT_NE(summary.results[0].reason.find("wrote nothing"), std::string::npos);
    EXPECT_FALSE(fs::exists(dir() / "empty.out"));
}

TEST_F(Runner, ProbeFailureFailsOnlyThatInput) {
    FixturePlugin copy("copy");
    const std::vector<fs::path> inputs{make_input("bad.txt", "UNREADABLE"), make_input("good.txt", "fine")};
    const auto summary = run(copy.converter(), OptionValues(*copy.converter().desc), settings(2), plan_files(inputs, copy.converter()));
    ASSERT_EQ(summary.results.size(), 2u);
    EXPECT_EQ(summary.results[0].status, JobStatus::failed);
    EXPECT_EQ(summary.results[0].reason, "fixture probe refuses this input");
    EXPECT_EQ(summary.results[1].status, JobStatus::converted);
}

TEST_F(Runner, OptionValuesReachThePlugin) {
    FixturePlugin copy("copy");
    const auto summary = run(copy.converter(), with(copy.converter(), "level", "7"), settings(1),
                             plan_files({make_input("a.txt", "x")}, copy.converter()));
    ASSERT_EQ(summary.count(JobStatus::converted), 1u) << console();
    const auto out = read_file(dir() / "a.out");
    EXPECT_NE(out.find("level=7 level_set=1 mode=a rate=1000000 ratio=0.5 label=none loud=0"), std::string::npos) << out;
}

TEST_F(Runner, ResultsAreInInputOrder) {
    FixturePlugin copy("copy");
    std::vector<fs::path> inputs;
    for (int i = 0; i < 8; ++i)
        inputs.push_back(make_input("in" + std::to_string(i) + ".txt", std::string(static_cast<std::size_t>((i * 37) % 11 + 1) * 100, 'x')));
    inputs.push_back(make_input("in8.txt", "FAIL"));
    const auto plan = plan_files(inputs, copy.converter());
    const auto summary = run(copy.converter(), OptionValues(*copy.converter().desc), settings(3), plan);
    ASSERT_EQ(summary.results.size(), inputs.size());
    for (std::size_t i = 0; i < inputs.size(); ++i) EXPECT_EQ(summary.results[i].input, plan.jobs[i].input.display) << i;
    EXPECT_EQ(summary.results.back().status, JobStatus::failed);
}

TEST_F(Runner, SkipKeepsOnlyPlayableExistingOutputs) {
    FixturePlugin copy("copy"); // its probe gives a duration only to non-empty files
    const auto kept = make_input("kept.txt", "new kept");
    const auto redone = make_input("redone.txt", "new redone");
    write_file(dir() / "kept.out", "old but playable");
    write_file(dir() / "redone.out", ""); // an unplayable leftover
    const auto summary = run(copy.converter(), OptionValues(*copy.converter().desc), settings(2),
                             plan_files({kept, redone}, copy.converter(), ExistingOutputPolicy::skip));
    ASSERT_EQ(summary.results.size(), 2u);
    EXPECT_EQ(summary.results[0].status, JobStatus::skipped);
    EXPECT_EQ(read_file(dir() / "kept.out"), "old but playable");
    EXPECT_EQ(summary.results[1].status, JobStatus::converted);
    EXPECT_EQ(read_file(dir() / "redone.out").rfind("new redone", 0), 0u);
    EXPECT_FALSE(summary.results[1].warnings.empty());
}

TEST_F(Runner, StopPendingCancelsQueuedJobsAndLetsTheRunningOneFinish) {
    FixturePlugin slow("slow");
    const std::vector<fs::path> inputs{make_input("a.txt", "seconds=0.3\n"), make_input("b.txt", "seconds=0.3\n"),
                                       make_input("c.txt", "seconds=0.3\n")};
    const auto plan = plan_files(inputs, slow.converter());
    const OptionValues values(*slow.converter().desc);
    ConsoleReporter reporter(console_.get(), {});
    BatchRunner runner(slow.converter(), values, settings(1, 4, JobOrder::input), reporter);

    BatchSummary summary;
    std::thread batch([&] { summary = runner.run(plan); });
    const bool started = wait_until([&] { return !temp_outputs_below(dir()).empty(); });
    runner.stop_pending(SIGINT);
    batch.join();
    ASSERT_TRUE(started) << "the first job never started";

    ASSERT_EQ(summary.results.size(), 3u);
    EXPECT_EQ(summary.results[0].status, JobStatus::converted) << summary.results[0].reason;
    const auto out = read_file(dir() / "a.out");
    EXPECT_EQ(out.substr(out.size() - 9), "complete\n") << "the running job must finish";
    for (std::size_t i = 1; i < 3; ++i) {
        EXPECT_EQ(summary.results[i].status, JobStatus::cancelled) << i;
        EXPECT_FALSE(fs::exists(plan.jobs[i].output)) << i;
    }
    EXPECT_TRUE(temp_outputs_below(dir()).empty());
    EXPECT_EQ(summary.interrupted_by, SIGINT);
    EXPECT_EQ(exit_code(summary), 130);
}

TEST_F(Runner, AbortStopsRunningJobsAndRemovesTheirTemporaryFiles) {
    FixturePlugin slow("slow");
    const std::vector<fs::path> inputs{make_input("a.txt", "seconds=30\n"), make_input("b.txt", "seconds=30\n"),
                                       make_input("c.txt", "seconds=30\n")};
    const auto plan = plan_files(inputs, slow.converter());
    const OptionValues values(*slow.converter().desc);
    ConsoleReporter reporter(console_.get(), {});
    BatchRunner runner(slow.converter(), values, settings(2, 4, JobOrder::input), reporter);

    BatchSummary summary;
    std::thread batch([&] { summary = runner.run(plan); });
    // Both workers are inside a conversion and have written part of their output.
    const bool writing = wait_until([&] {
        const auto temps = temp_outputs_below(dir());
        if (temps.size() != 2) return false;
        for (const auto &t : temps) {
            std::ifstream in(t); // may vanish meanwhile: then it is simply not ready
            std::string header, first_step;
            if (!std::getline(in, header) || !std::getline(in, first_step) || first_step != "step 1") return false;
        }
        return true;
    });
    EXPECT_EQ(runner.running_jobs(), 2u);
    const auto t0 = std::chrono::steady_clock::now();
    runner.abort(SIGTERM);
    batch.join();
    ASSERT_TRUE(writing) << "the running jobs never wrote anything";

    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2)) << "abort must stop running jobs promptly";
    ASSERT_EQ(summary.results.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(summary.results[i].status, JobStatus::cancelled) << i;
        EXPECT_FALSE(fs::exists(plan.jobs[i].output)) << "no output may appear at a final path: " << plan.jobs[i].output;
    }
    EXPECT_TRUE(temp_outputs_below(dir()).empty()) << "temporary files of aborted jobs must be removed";
    EXPECT_EQ(exit_code(summary), 143);
}

TEST_F(Runner, AbortAfterStopPendingStopsTheJobThatWasLeftRunning) {
    // Ctrl+C twice: the first lets the running job go on, the second stops it.
    FixturePlugin slow("slow");
    const std::vector<fs::path> inputs{make_input("a.txt", "seconds=30\n"), make_input("b.txt", "seconds=30\n")};
    const auto plan = plan_files(inputs, slow.converter());
    const OptionValues values(*slow.converter().desc);
    ConsoleReporter reporter(console_.get(), {});
    BatchRunner runner(slow.converter(), values, settings(1, 4, JobOrder::input), reporter);

    BatchSummary summary;
    std::thread batch([&] { summary = runner.run(plan); });
    const bool started = wait_until([&] { return runner.running_jobs() == 1 && !temp_outputs_below(dir()).empty(); });
    runner.stop_pending(SIGINT);
    EXPECT_EQ(runner.running_jobs(), 1u) << "stop_pending() must not stop the running job";
    runner.abort(SIGINT);
    batch.join();
    ASSERT_TRUE(started);

    ASSERT_EQ(summary.results.size(), 2u);
    EXPECT_EQ(summary.results[0].status, JobStatus::cancelled);
    EXPECT_EQ(summary.results[1].status, JobStatus::cancelled);
    EXPECT_FALSE(fs::exists(plan.jobs[0].output));
    EXPECT_TRUE(temp_outputs_below(dir()).empty());
    EXPECT_EQ(exit_code(summary), 130);
}

TEST_F(Runner, EveryInputGetsExactlyOneResultLine) {
    FixturePlugin copy("copy");
    const auto exists = make_input("exists.txt", "x");
    write_file(dir() / "exists.out", "already there");
    CollectOptions collect;
    collect.arguments = {(dir() / "missing.txt").string(), exists.string(), make_input("ok.txt", "fine").string(),
                         make_input("bad.txt", "FAIL").string()};
    PlanOptions options;
    options.output_extension = ".out";
    const auto plan = plan_batch(collect_inputs(collect), options);
    const auto summary = run(copy.converter(), OptionValues(*copy.converter().desc), settings(2), plan);

    ASSERT_EQ(summary.results.size(), 4u);
    EXPECT_EQ(summary.results[0].status, JobStatus::failed);
    EXPECT_EQ(summary.results[1].status, JobStatus::failed);
    EXPECT_EQ(summary.results[2].status, JobStatus::converted);
    EXPECT_EQ(summary.results[3].status, JobStatus::failed);
    EXPECT_EQ(read_file(dir() / "exists.out"), "already there");
    std::size_t result_lines = 0;
    for (const auto &line : sb::test::lines_of(console()))
        if (line.rfind("ok ", 0) == 0 || line.rfind("FAILED ", 0) == 0) ++result_lines;
    EXPECT_EQ(result_lines, 4u) << console();
}

TEST_F(Runner, StopBeforeRunCancelsEveryJob) {
    FixturePlugin copy("copy");
    const auto plan = plan_files({make_input("a.txt", "a"), make_input("b.txt", "b")}, copy.converter());
    const OptionValues values(*copy.converter().desc);
    ConsoleReporter reporter(console_.get(), {});
    BatchRunner runner(copy.converter(), values, settings(2), reporter);
    runner.stop_pending(SIGINT);
    const auto summary = runner.run(plan);
    EXPECT_EQ(summary.count(JobStatus::cancelled), 2u);
    EXPECT_FALSE(fs::exists(dir() / "a.out"));
    EXPECT_FALSE(fs::exists(dir() / "b.out"));
    EXPECT_EQ(exit_code(summary), 130);
}

TEST_F(Runner, FailingSlowJobRemovesItsPartialOutput) {
    FixturePlugin slow("slow");
    const std::vector<fs::path> inputs{make_input("bad.txt", "seconds=0.1\nfail\n"), make_input("good.txt", "seconds=0.1\n")};
    const auto summary = run(slow.converter(), OptionValues(*slow.converter().desc), settings(2), plan_files(inputs, slow.converter()));
    ASSERT_EQ(summary.results.size(), 2u);
    EXPECT_EQ(summary.results[0].status, JobStatus::failed);
    EXPECT_EQ(summary.results[0].reason, "fixture-slow failure requested by the input");
    EXPECT_EQ(summary.results[1].status, JobStatus::converted);
    EXPECT_FALSE(fs::exists(dir() / "bad.out"));
    EXPECT_TRUE(temp_outputs_below(dir()).empty());
}

} // namespace
