// <sb/plugin_abi.h> + <sb/converter.hpp> as a C++ plugin author sees them:
// built twice, as C++17 and as C++20, with -Wall -Wextra -Wpedantic -Werror
// -Wshadow -Wnon-virtual-dtor. The layout rules and the constexpr option
// helpers are checked at compile time; the noexcept trampolines, SB_PLUGIN and
// Job's version-aware log_enabled() are run against a minimal in-file host.
// Exits non-zero, naming the broken promise, when one does not hold.
#include <sb/converter.hpp>
#include <sb/plugin_abi.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>

// ---- layout: what the host reads before running any plugin code ------------
static_assert(offsetof(sb_plugin_entry_t, abi_major) == 0, "abi_major first");
static_assert(offsetof(sb_plugin_entry_t, abi_minor) == 4, "abi_minor second");
static_assert(offsetof(sb_plugin_entry_t, struct_size) == 8, "struct_size third");
static_assert(offsetof(sb_option_desc, struct_size) == 0 && offsetof(sb_converter_desc, struct_size) == 0 &&
                  offsetof(sb_plugin_desc, struct_size) == 0 && offsetof(sb_host_api, struct_size) == 0 &&
                  offsetof(sb_progress, struct_size) == 0 && offsetof(sb_probe_info, struct_size) == 0 &&
                  offsetof(sb_host_info, struct_size) == 0,
              "every size-prefixed struct starts with its size");
static_assert(offsetof(sb_host_api, min_log_level) == offsetof(sb_host_api, option_string) + sizeof(void (*)()),
              "1.1 appended min_log_level right after the 1.0 functions");
static_assert(std::is_standard_layout_v<sb_option_desc> && std::is_trivially_copyable_v<sb_option_desc> &&
                  std::is_standard_layout_v<sb_converter_desc> && std::is_standard_layout_v<sb_host_api> &&
                  std::is_standard_layout_v<sb_plugin_entry_t>,
              "ABI structs are plain C data in C++ too");
static_assert(sizeof(sb_status) == 4 && sizeof(sb_log_level) == 4 && sizeof(sb_option_type) == 4,
              "enumerations are fixed-width");
static_assert(SB_ABI_VERSION_MAJOR == 1u && SB_ABI_VERSION_MINOR >= 1u, "this SDK declares ABI 1.1 or a later 1.x");

// ---- the constexpr option helpers build static tables ----------------------
namespace {

constexpr const char *kModes[] = {"ok", "error", "std", "cancel", "other", nullptr};
constexpr const char *kFormats[] = {"txt", "md", nullptr};
constexpr sb_option_desc kOptions[] = {
    sb::sdk::choice_option("mode", nullptr, "What convert does", "ok", kModes),
    sb::sdk::output_extension_option("format", nullptr, "Output format", "txt", kFormats),
    sb::sdk::int_option("level", "l", "A level", "3", 0, 9, "N"),
    sb::sdk::float_option("gain", nullptr, "A gain", "1.5", -10, 10),
    sb::sdk::bitrate_option("rate", nullptr, "A bitrate", "128k", 8e3, 1e6),
    sb::sdk::string_option("label", nullptr, "A label", nullptr, "TEXT"),
    sb::sdk::flag_option("dry", nullptr, "A flag"),
};
static_assert(kOptions[0].type == SB_OPTION_CHOICE && kOptions[0].flags == 0 && kOptions[0].choices == kModes);
static_assert(kOptions[1].type == SB_OPTION_CHOICE && kOptions[1].flags == SB_OPTION_OUTPUT_EXTENSION,
              "output_extension_option marks the choice as the output extension");
static_assert(kOptions[2].type == SB_OPTION_INT && (kOptions[2].flags & SB_OPTION_HAS_RANGE) != 0 &&
              kOptions[2].min_value == 0 && kOptions[2].max_value == 9);
static_assert(kOptions[3].type == SB_OPTION_FLOAT && (kOptions[3].flags & SB_OPTION_HAS_RANGE) != 0);
static_assert(kOptions[4].type == SB_OPTION_BITRATE && kOptions[4].max_value == 1e6);
static_assert(kOptions[5].type == SB_OPTION_STRING && kOptions[5].default_value == nullptr);
static_assert(kOptions[6].type == SB_OPTION_FLAG && kOptions[6].choices == nullptr);
static_assert(kOptions[6].struct_size == sizeof(sb_option_desc), "helpers fill struct_size");

// ---- a converter written with the C++ layer --------------------------------
class Probe final : public sb::sdk::Converter {
public:
    void convert(const sb::sdk::Job &job) override {
        const std::string mode = job.option_string("mode");
        if (mode == "error") throw sb::sdk::Error("the input is broken");
        if (mode == "std") throw std::out_of_range("index 7 out of range");
        if (mode == "cancel") job.throw_if_cancelled();
        if (mode == "other") throw 42;
        job.report_progress(1.25, 3);
    }
    double probe(const sb::sdk::Job &) override { return 12.5; }
};

// Overrides only convert(): its descriptor must say "no probe, no plan".
class ConvertOnly final : public sb::sdk::Converter {
public:
    void convert(const sb::sdk::Job &) override {}
};

constexpr const char *kInputs[] = {".in", nullptr};

sb::sdk::ConverterInfo info() noexcept {
    sb::sdk::ConverterInfo i;
    i.name = "cxx-test";
    i.summary = "C++ header test";
    i.input_extensions = kInputs;
    i.output_extension = ".txt";
    i.options = kOptions;
    i.option_count = sizeof kOptions / sizeof kOptions[0];
    return i;
}

const sb_converter_desc kConverter = sb::sdk::describe<Probe>(info());
const sb_converter_desc kConvertOnly = sb::sdk::describe<ConvertOnly>(info());

} // namespace

SB_PLUGIN("org.sb.test.cxx", "1.2.3", &kConverter)

// ---- a minimal host --------------------------------------------------------
namespace {

struct TestJob {
    std::string mode = "ok";
    bool cancelled = false;
    sb_log_level min_level = SB_LOG_WARNING;
    std::string error;
    double progress = -1;
    std::int64_t frames = 0;
};

TestJob &job_of(const sb_job *job) { return *reinterpret_cast<TestJob *>(const_cast<sb_job *>(job)); }

extern "C" {
int32_t host_is_cancelled(const sb_job *job) { return job_of(job).cancelled ? 1 : 0; }
void host_report_progress(sb_job *job, const sb_progress *p) {
    job_of(job).progress = p->position_seconds;
    job_of(job).frames = p->frames;
}
void host_log(sb_job *, sb_log_level, const char *) {}
void host_set_error(sb_job *job, const char *message) { job_of(job).error = message; }
int32_t host_thread_budget(const sb_job *) { return 0; }
const char *host_input_path(const sb_job *) { return "/in/file.in"; }
const char *host_output_path(const sb_job *) { return nullptr; }
int32_t host_option_is_set(const sb_job *, const char *) { return 0; }
int64_t host_option_int(const sb_job *, const char *) { return 0; }
double host_option_float(const sb_job *, const char *) { return 0.0; }
const char *host_option_string(const sb_job *job, const char *name) {
    return std::strcmp(name, "mode") == 0 ? job_of(job).mode.c_str() : nullptr;
}
sb_log_level host_min_log_level(const sb_job *job) { return job_of(job).min_level; }
}

sb_host_api make_host(bool abi_1_0) {
    sb_host_api api{};
    api.struct_size = abi_1_0 ? static_cast<uint32_t>(offsetof(sb_host_api, min_log_level)) : sizeof api;
    api.is_cancelled = host_is_cancelled;
    api.report_progress = host_report_progress;
    api.log = host_log;
    api.set_error = host_set_error;
    api.thread_budget = host_thread_budget;
    api.input_path = host_input_path;
    api.output_path = host_output_path;
    api.option_is_set = host_option_is_set;
    api.option_int = host_option_int;
    api.option_float = host_option_float;
    api.option_string = host_option_string;
    // A 1.0 host's table ends before min_log_level: a stale pointer there must
    // not be called (struct_size says it is not part of the table).
    api.min_log_level = host_min_log_level;
    return api;
}

int failures = 0;

void expect(bool ok, const std::string &what) {
    if (!ok) {
        std::fprintf(stderr, "FAILED: %s\n", what.c_str());
        ++failures;
    }
}

sb_status run_convert(const sb_converter_desc &desc, const sb_host_api &host, TestJob &job) {
    return desc.convert(reinterpret_cast<sb_job *>(&job), &host);
}

} // namespace

int main() {
    expect(sb_plugin_entry.abi_major == SB_ABI_VERSION_MAJOR && sb_plugin_entry.abi_minor == SB_ABI_VERSION_MINOR,
           "SB_PLUGIN declares the SDK's ABI version");
    expect(sb_plugin_entry.struct_size == sizeof(sb_plugin_entry_t), "SB_PLUGIN fills the entry's struct_size");
    sb_host_info info{sizeof(sb_host_info), SB_ABI_VERSION_MAJOR, SB_ABI_VERSION_MINOR, "test"};
    const sb_plugin_desc *plugin = sb_plugin_entry.get_plugin(&info);
    expect(plugin != nullptr, "get_plugin returns the descriptor");
    if (plugin == nullptr) return 1;
    expect(std::strcmp(plugin->id, "org.sb.test.cxx") == 0 && std::strcmp(plugin->version, "1.2.3") == 0,
           "SB_PLUGIN keeps id and version");
    expect(plugin->struct_size == sizeof(sb_plugin_desc) && plugin->converter_count == 1 &&
               plugin->converters[0] == &kConverter,
           "SB_PLUGIN lists the converters given to it");
    const sb_converter_desc &desc = *plugin->converters[0];
    expect(desc.struct_size == sizeof(sb_converter_desc) && desc.option_count == 7 && desc.options == kOptions,
           "describe<T> copies the ConverterInfo");
    expect(desc.convert != nullptr && desc.probe != nullptr, "describe<T> points convert and an overridden probe at T");
    expect(desc.plan == nullptr, "describe<T> leaves plan NULL when T does not override it");
    expect(kConvertOnly.convert != nullptr && kConvertOnly.probe == nullptr && kConvertOnly.plan == nullptr,
           "describe<T> leaves probe NULL when T does not override it (so -s keeps existing outputs)");

    const sb_host_api host = make_host(false);
    {
        TestJob job;
        expect(run_convert(desc, host, job) == SB_STATUS_OK, "a normal return is SB_STATUS_OK");
        expect(job.progress == 1.25 && job.frames == 3, "Job::report_progress reaches the host");
    }
    {
        TestJob job;
        job.mode = "error";
        expect(run_convert(desc, host, job) == SB_STATUS_FAILED, "sb::sdk::Error becomes SB_STATUS_FAILED");
        expect(job.error == "the input is broken", "Error::what() becomes the reason, got '" + job.error + "'");
    }
    {
        TestJob job;
        job.mode = "std";
        expect(run_convert(desc, host, job) == SB_STATUS_FAILED && job.error == "index 7 out of range",
               "any std::exception becomes SB_STATUS_FAILED with its what()");
    }
    {
        TestJob job;
        job.mode = "cancel";
        job.cancelled = true;
        expect(run_convert(desc, host, job) == SB_STATUS_CANCELLED && job.error.empty(),
               "Job::throw_if_cancelled becomes SB_STATUS_CANCELLED without an error");
    }
    {
        TestJob job;
        job.mode = "other";
        expect(run_convert(desc, host, job) == SB_STATUS_FAILED && job.error.find("unknown error") != std::string::npos,
               "a non-standard exception still becomes SB_STATUS_FAILED, got '" + job.error + "'");
    }
    {
        TestJob job;
        sb_probe_info probe{sizeof(sb_probe_info), -1.0};
        expect(desc.probe(reinterpret_cast<sb_job *>(&job), &host, &probe) == SB_STATUS_OK && probe.duration_seconds == 12.5,
               "the probe trampoline writes the duration");
    }
    {
        TestJob job;
        const sb::sdk::Job view(reinterpret_cast<sb_job *>(&job), &host);
        expect(view.thread_budget() == 1, "Job::thread_budget is at least 1");
        expect(view.output_path().empty(), "Job::output_path is empty when the host gives NULL");
        job.min_level = SB_LOG_WARNING;
        expect(!view.log_enabled(sb::sdk::LogLevel::debug) && !view.log_enabled(sb::sdk::LogLevel::info) &&
                   view.log_enabled(sb::sdk::LogLevel::warning),
               "Job::log_enabled follows a 1.1 host's min_log_level");
        job.min_level = SB_LOG_DEBUG;
        expect(view.log_enabled(sb::sdk::LogLevel::debug), "Job::log_enabled(debug) with -vv");
    }
    {
        const sb_host_api old_host = make_host(true);
        TestJob job;
        job.min_level = SB_LOG_ERROR; // would say "drop" if it were (wrongly) called
        const sb::sdk::Job view(reinterpret_cast<sb_job *>(&job), &old_host);
        expect(view.log_enabled(sb::sdk::LogLevel::debug), "Job::log_enabled keeps everything on a 1.0 host");
    }
    if (failures != 0) return 1;
    std::printf("C++%ld: plugin_abi.h + converter.hpp compile and behave as documented\n", __cplusplus / 100 % 100);
    return 0;
}
