// Fixture converter "fixture-copy" (C++ SDK layer): copies the input and appends
// one line with every option value it received, so tests can see what crossed
// the boundary. The input's first word steers it:
//   FAIL   -> throws sb::sdk::Error      THROW -> throws a non-std exception
//   SLOW   -> takes ~5 s in 50 ms steps, polling cancellation and reporting progress
//   EMPTY  -> reports success without writing anything
#include <sb/converter.hpp>

#include <chrono>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>

namespace {

std::string read_all(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw sb::sdk::Error("cannot read input");
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class FixtureCopy final : public sb::sdk::Converter {
public:
    void convert(const sb::sdk::Job &job) override {
        const std::string data = read_all(job.input_path());
        if (data.rfind("FAIL", 0) == 0) throw sb::sdk::Error("fixture failure requested by the input");
        if (data.rfind("THROW", 0) == 0) throw 42;
        if (data.rfind("EMPTY", 0) == 0) return;
        if (data.rfind("SLOW", 0) == 0) {
            for (int step = 0; step < 100; ++step) {
                job.throw_if_cancelled();
                job.report_progress(step * 0.05, step);
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
        }
        if (data.rfind("WARN", 0) == 0) job.warn("fixture warning");
        std::ofstream out(job.output_path(), std::ios::binary | std::ios::trunc);
        std::ostringstream options;
        options << "level=" << job.option_int("level") << " level_set=" << job.option_is_set("level")
                << " mode=" << job.option_string("mode") << " rate=" << job.option_int("rate")
                << " ratio=" << job.option_float("ratio") << " label=" << job.option_string("label")
                << " loud=" << job.option_flag("loud") << " threads=" << job.thread_budget();
        out << data << "\n" << options.str() << "\n";
        if (!out.flush()) throw sb::sdk::Error("cannot write output");
        job.report_progress(static_cast<double>(data.size()) / 1000.0, 1);
        job.info("copied " + std::to_string(data.size()) + " bytes");
    }

    // Duration stand-in: one "second" per 1000 bytes, so size orders jobs.
    double probe(const sb::sdk::Job &job) override {
        const std::string data = read_all(job.input_path());
        if (data.rfind("UNREADABLE", 0) == 0) throw sb::sdk::Error("fixture probe refuses this input");
        return static_cast<double>(data.size()) / 1000.0;
    }

    void plan(const sb::sdk::Job &job) override { job.info("would copy " + job.input_path()); }
};

constexpr const char *kExtensions[] = {".txt", ".dat", nullptr};
constexpr const char *kModes[] = {"a", "b", nullptr};
constexpr sb_option_desc kOptions[] = {
    sb::sdk::int_option("level", "l", "Level of detail", "5", 0, 9, "N"),
    sb::sdk::choice_option("mode", "m", "Mode", "a", kModes),
    sb::sdk::bitrate_option("rate", nullptr, "A bitrate", "1M", 1000, 1e9),
    sb::sdk::float_option("ratio", nullptr, "A ratio", "0.5", 0.0, 1.0),
    sb::sdk::string_option("label", nullptr, "A label", "none"),
    sb::sdk::flag_option("loud", nullptr, "A switch"),
};

const sb_converter_desc kFixtureCopy = sb::sdk::describe<FixtureCopy>({
    "fixture-copy",
    "Copy files (test fixture)",
    "Copies each input and appends the option values it received.",
    kExtensions,
    ".out",
    kOptions,
    sizeof kOptions / sizeof kOptions[0],
});

} // namespace

SB_PLUGIN("org.sb.test.fixture_copy", "1.2.3", &kFixtureCopy)
