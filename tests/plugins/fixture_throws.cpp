// Fixture converter "fixture-throws" (C++ SDK layer): convert() always throws,
// after writing a few bytes to its output, so a host must both report the
// failure for that file alone and remove a temporary file that is not empty.
// probe() and plan() work normally (probe reports 1 s), so the failure happens
// only once the conversion runs.
//
// Option:
//   --kind sdk|std|other  what convert() throws: sb::sdk::Error, std::runtime_error
//                         (default), or a non-std type (an int). The SDK turns the
//                         first two into the job's error "fixture-throws: convert
//                         threw (<kind>)", the third into its generic
//                         "unknown error (non-standard exception in plugin)".
//
// Inputs picked from folders: .txt .dat; output extension .out.
#include <sb/converter.hpp>

#include <fstream>
#include <stdexcept>
#include <string>

namespace {

class FixtureThrows final : public sb::sdk::Converter {
public:
    void convert(const sb::sdk::Job &job) override {
        {
            std::ofstream out(job.output_path(), std::ios::binary | std::ios::trunc);
            out << "partial output of a conversion that is about to throw\n";
        }
        const std::string kind = job.option_string("kind");
        const std::string message = "fixture-throws: convert threw (" + kind + ")";
        if (kind == "sdk") throw sb::sdk::Error(message);
        if (kind == "other") throw 42;
        throw std::runtime_error(message);
    }

    double probe(const sb::sdk::Job &) override { return 1.0; }

    void plan(const sb::sdk::Job &job) override { job.info("would throw (" + job.option_string("kind") + ")"); }
};

constexpr const char *kExtensions[] = {".txt", ".dat", nullptr};
constexpr const char *kKinds[] = {"sdk", "std", "other", nullptr};
constexpr sb_option_desc kOptions[] = {
    sb::sdk::choice_option("kind", nullptr, "What convert throws", "std", kKinds),
};

const sb_converter_desc kFixtureThrows = sb::sdk::describe<FixtureThrows>({
    "fixture-throws",
    "Always throws while converting (test fixture)",
    "Writes a few bytes, then throws from convert().",
    kExtensions,
    ".out",
    kOptions,
    sizeof kOptions / sizeof kOptions[0],
});

} // namespace

SB_PLUGIN("org.sb.test.fixture_throws", "0.1.0", &kFixtureThrows)
