// Fixture converter "fixture-slow" (C++ SDK layer): a long, cancellable
// conversion for batch, cancellation and progress tests (unit and end to end).
//
// For each input it
//   - reads the thread budget once at the start, as an encoder opening would;
//   - writes its output progressively, flushed after every line, so a partial
//     file really is on disk while it runs:
//         fixture-slow seconds=<s> threads=<budget>
//         step 1
//         step 2
//         ...
//         complete                  <- only when the conversion finished
//   - sleeps --step-ms between steps until <s> seconds of wall time passed,
//     polling is_cancelled() before every step (so it stops within one step)
//     and reporting progress (position in seconds, steps as frames).
//
// Options:
//   --duration SECONDS  wall time per file, 0..600 (default 1)
//   --step-ms MS        pause between steps, 1..1000 (default 10)
//
// The input is a small text file; each of its lines may steer one job:
//   seconds=<s>   use <s> instead of --duration (probe() reports <s> as the
//                 media duration, so longest-first ordering can be exercised)
//   fail          fail half way, after writing part of the output
//
// Inputs picked from folders: .txt .dat; output extension .out.
#include <sb/converter.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace {

struct Instructions {
    double seconds = -1; // < 0: use --duration
    bool fail = false;
};

Instructions read_instructions(const std::string &path) {
    std::ifstream in(path);
    if (!in) throw sb::sdk::Error("cannot read input");
    Instructions out;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("seconds=", 0) == 0) out.seconds = std::strtod(line.c_str() + 8, nullptr);
        else if (line == "fail") out.fail = true;
    }
    return out;
}

double seconds_for(const sb::sdk::Job &job, const Instructions &in) {
    return in.seconds >= 0 ? in.seconds : job.option_float("duration");
}

class FixtureSlow final : public sb::sdk::Converter {
public:
    void convert(const sb::sdk::Job &job) override {
        using Clock = std::chrono::steady_clock;
        const Instructions in = read_instructions(job.input_path());
        const double seconds = seconds_for(job, in);
        const auto step = std::chrono::milliseconds(job.option_int("step-ms"));

        std::ofstream out(job.output_path(), std::ios::binary | std::ios::trunc);
        out << "fixture-slow seconds=" << seconds << " threads=" << job.thread_budget() << "\n" << std::flush;

        const auto t0 = Clock::now();
        const auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - t0).count(); };
        for (std::int64_t n = 1; elapsed() < seconds; ++n) {
            job.throw_if_cancelled();
            if (in.fail && elapsed() >= seconds / 2) throw sb::sdk::Error("fixture-slow failure requested by the input");
            out << "step " << n << "\n" << std::flush;
            if (!out) throw sb::sdk::Error("cannot write output");
            job.report_progress(elapsed(), n);
            std::this_thread::sleep_for(step);
        }
        job.throw_if_cancelled();
        if (in.fail) throw sb::sdk::Error("fixture-slow failure requested by the input");
        out << "complete\n" << std::flush;
        if (!out) throw sb::sdk::Error("cannot write output");
        job.report_progress(seconds);
    }

    double probe(const sb::sdk::Job &job) override { return seconds_for(job, read_instructions(job.input_path())); }

    void plan(const sb::sdk::Job &job) override {
        std::ostringstream text;
        text << "would take " << seconds_for(job, read_instructions(job.input_path())) << " s";
        job.info(text.str());
    }
};

constexpr const char *kExtensions[] = {".txt", ".dat", nullptr};
constexpr sb_option_desc kOptions[] = {
    sb::sdk::float_option("duration", nullptr, "Wall time per file in seconds", "1", 0, 600, "SECONDS"),
    sb::sdk::int_option("step-ms", nullptr, "Pause between output steps in milliseconds", "10", 1, 1000, "MS"),
};

const sb_converter_desc kFixtureSlow = sb::sdk::describe<FixtureSlow>({
    "fixture-slow",
    "Slow, cancellable copy (test fixture)",
    "Writes its output line by line over --duration seconds, polling for cancellation.",
    kExtensions,
    ".out",
    kOptions,
    sizeof kOptions / sizeof kOptions[0],
});

} // namespace

SB_PLUGIN("org.sb.test.fixture_slow", "0.1.0", &kFixtureSlow)
