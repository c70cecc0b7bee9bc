// sb plugin SDK — optional header-only C++ layer over <sb/plugin_abi.h>.
//
// A plugin author derives from sb::sdk::Converter, describes it with
// sb::sdk::describe<T>(...) and exports the plugin with SB_PLUGIN(...). The
// trampolines below are noexcept: an exception thrown by a converter becomes that
// job's error message, never an unwinding across the C boundary.
//
// This header is compiled into the plugin, so it depends only on the standard
// library (C++17 or later) and on <sb/plugin_abi.h>.
//
// Ownership: Job is a non-owning view of host objects (valid during one call);
// descriptors made by describe<T>() and the option helpers point at the
// plugin's own static strings and tables, which must outlive the process
// (string literals and namespace-scope constants do).
// Threads: convert() runs on a host worker thread, probe() too (several at
// once), plan() on the main thread; one Converter object per call. Job's
// methods may be called from any thread while that call runs.
#ifndef SB_CONVERTER_HPP
#define SB_CONVERTER_HPP

#include <sb/plugin_abi.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

namespace sb::sdk {

// Thrown by a converter to fail the job with `what()` as the one-line reason.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Thrown by a converter (usually via Job::throw_if_cancelled) to stop a job the
// host asked to cancel.
class Cancelled : public std::exception {
public:
    const char *what() const noexcept override { return "cancelled"; }
};

enum class LogLevel : sb_log_level {
    debug = SB_LOG_DEBUG,
    info = SB_LOG_INFO,
    warning = SB_LOG_WARNING,
    error = SB_LOG_ERROR,
};

// A view of one job and the host services for it. Cheap to copy; valid only
// during the call that received it (never store it beyond that). Methods are
// safe from any thread while the call runs (the host API guarantees it).
// Returned strings are copies the caller owns.
class Job {
public:
    Job(sb_job *job, const sb_host_api *host) noexcept : job_(job), host_(host) {}

    std::string input_path() const { return text(host_->input_path(job_)); }
    // Empty for probe and plan calls.
    std::string output_path() const { return text(host_->output_path(job_)); }

    bool cancelled() const noexcept { return host_->is_cancelled(job_) != 0; }
    void throw_if_cancelled() const {
        if (cancelled()) throw Cancelled{};
    }
    int thread_budget() const noexcept {
        const int budget = host_->thread_budget(job_);
        return budget > 0 ? budget : 1;
    }
    void report_progress(double position_seconds, std::int64_t frames = -1) const noexcept {
        sb_progress progress{};
        progress.struct_size = sizeof progress;
        progress.position_seconds = position_seconds;
        progress.frames = frames;
        host_->report_progress(job_, &progress);
    }
    // False when the host would drop a message of this level (e.g. debug
    // without -vv): skip building expensive text. True on hosts older than ABI
    // 1.1, which do not say.
    bool log_enabled(LogLevel level) const noexcept {
        constexpr std::size_t needed = offsetof(sb_host_api, min_log_level) + sizeof host_->min_log_level;
        if (host_->struct_size < needed || host_->min_log_level == nullptr) return true;
        return static_cast<sb_log_level>(level) >= host_->min_log_level(job_);
    }
    void log(LogLevel level, const std::string &message) const noexcept {
        host_->log(job_, static_cast<sb_log_level>(level), message.c_str());
    }
    void debug(const std::string &message) const noexcept { log(LogLevel::debug, message); }
    void info(const std::string &message) const noexcept { log(LogLevel::info, message); }
    void warn(const std::string &message) const noexcept { log(LogLevel::warning, message); }

    // Typed option values by long name (validated by the host; see sb_host_api).
    bool option_is_set(const char *name) const noexcept { return host_->option_is_set(job_, name) != 0; }
    std::int64_t option_int(const char *name) const noexcept { return host_->option_int(job_, name); }
    double option_float(const char *name) const noexcept { return host_->option_float(job_, name); }
    bool option_flag(const char *name) const noexcept { return host_->option_int(job_, name) != 0; }
    std::string option_string(const char *name) const { return text(host_->option_string(job_, name)); }

    // The raw handles, for code that hands them on (e.g. to an interrupt callback).
    sb_job *handle() const noexcept { return job_; }
    const sb_host_api *host() const noexcept { return host_; }

private:
    static std::string text(const char *s) { return s ? std::string(s) : std::string(); }

    sb_job *job_;
    const sb_host_api *host_;
};

// Base class of a converter. One instance is default-constructed per call
// (probe, plan or convert) and destroyed when it returns, so an implementation
// may keep per-job state in members and needs no locking; only static data it
// shares between calls must be immutable (several calls run at once). Errors
// are reported by throwing sb::sdk::Error (any std::exception works: what()
// becomes the reason), cancellation by throwing sb::sdk::Cancelled.
class Converter {
public:
    virtual ~Converter() = default;

    // [worker] Turn job.input_path() into job.output_path(). Report progress,
    // poll job.cancelled() (or throw_if_cancelled()) at least once per packet.
    virtual void convert(const Job &job) = 0;

    // [worker] Media duration of job.input_path() in seconds, or a negative
    // value if unknown. Throwing refuses the file before the batch starts. With
    // -s the host probes an existing output too and keeps it only when probe
    // returns a duration > 0, so accept what convert writes. A converter that
    // does not override probe() gets a NULL sb_converter_desc::probe (see
    // describe()): durations are unknown and -s keeps existing outputs unread.
    virtual double probe(const Job &) { return -1.0; }

    // [main] Log (LogLevel::info) what convert would do, without writing
    // anything (--dry-run). Throwing marks the input as one that would fail.
    // Not overriding it leaves sb_converter_desc::plan NULL (nothing to add).
    virtual void plan(const Job &) {}
};

namespace detail {

inline sb_status fail(const sb_host_api *host, sb_job *job, const char *message) noexcept {
    host->set_error(job, message);
    return SB_STATUS_FAILED;
}

// Runs `body` and turns every exception into a status the C boundary can carry.
template <class Body>
sb_status guarded(sb_job *job, const sb_host_api *host, Body &&body) noexcept {
    try {
        body();
        return SB_STATUS_OK;
    } catch (const Cancelled &) {
        return SB_STATUS_CANCELLED;
    } catch (const std::exception &e) {
        return fail(host, job, e.what());
    } catch (...) {
        return fail(host, job, "unknown error (non-standard exception in plugin)");
    }
}

template <class T>
sb_status convert_trampoline(sb_job *job, const sb_host_api *host) noexcept {
    return guarded(job, host, [&] {
        T converter;
        converter.convert(Job(job, host));
    });
}

template <class T>
sb_status probe_trampoline(sb_job *job, const sb_host_api *host, sb_probe_info *info) noexcept {
    return guarded(job, host, [&] {
        T converter;
        const double seconds = converter.probe(Job(job, host));
        if (info != nullptr) info->duration_seconds = seconds;
    });
}

template <class T>
sb_status plan_trampoline(sb_job *job, const sb_host_api *host) noexcept {
    return guarded(job, host, [&] {
        T converter;
        converter.plan(Job(job, host));
    });
}

// True when T declares its own probe() / plan() (directly or through a base
// other than Converter): &T::probe then names a member of that class.
template <class T>
inline constexpr bool overrides_probe = !std::is_same_v<decltype(&T::probe), double (Converter::*)(const Job &)>;
template <class T>
inline constexpr bool overrides_plan = !std::is_same_v<decltype(&T::plan), void (Converter::*)(const Job &)>;

} // namespace detail

// What a converter tells the host about itself (see sb_converter_desc).
struct ConverterInfo {
    const char *name = nullptr;
    const char *summary = nullptr;
    const char *description = nullptr;
    const char *const *input_extensions = nullptr; // NULL-terminated
    const char *output_extension = nullptr;
    const sb_option_desc *options = nullptr;
    std::uint32_t option_count = 0;
};

// The C descriptor for converter type T (which must derive from Converter and be
// default-constructible). Store the result in a static object. probe and plan
// point at trampolines only when T overrides them, else they are NULL: to the
// host a missing probe means "no quick look" (an existing output is kept by -s
// as it is), whereas the base class's "duration unknown" would make -s treat
// every existing output as unplayable and convert it again.
template <class T>
sb_converter_desc describe(const ConverterInfo &info) noexcept {
    static_assert(std::is_base_of_v<Converter, T>, "T must derive from sb::sdk::Converter");
    sb_converter_desc desc{};
    desc.struct_size = sizeof desc;
    desc.name = info.name;
    desc.summary = info.summary;
    desc.description = info.description;
    desc.input_extensions = info.input_extensions;
    desc.output_extension = info.output_extension;
    desc.options = info.options;
    desc.option_count = info.option_count;
    desc.convert = &detail::convert_trampoline<T>;
    desc.probe = detail::overrides_probe<T> ? &detail::probe_trampoline<T> : nullptr;
    desc.plan = detail::overrides_plan<T> ? &detail::plan_trampoline<T> : nullptr;
    return desc;
}

// ---- option descriptor helpers (constexpr, for static tables) --------------
namespace detail {
constexpr sb_option_desc option(const char *name, const char *short_name, sb_option_type type,
                                const char *help, const char *default_value) noexcept {
    sb_option_desc o{};
    o.struct_size = sizeof o;
    o.name = name;
    o.short_name = short_name;
    o.type = type;
    o.help = help;
    o.default_value = default_value;
    return o;
}
} // namespace detail

constexpr sb_option_desc flag_option(const char *name, const char *short_name, const char *help) noexcept {
    return detail::option(name, short_name, SB_OPTION_FLAG, help, nullptr);
}

constexpr sb_option_desc string_option(const char *name, const char *short_name, const char *help,
                                       const char *default_value, const char *value_name = nullptr) noexcept {
    sb_option_desc o = detail::option(name, short_name, SB_OPTION_STRING, help, default_value);
    o.value_name = value_name;
    return o;
}

constexpr sb_option_desc choice_option(const char *name, const char *short_name, const char *help,
                                       const char *default_value, const char *const *choices) noexcept {
    sb_option_desc o = detail::option(name, short_name, SB_OPTION_CHOICE, help, default_value);
    o.choices = choices;
    return o;
}

// A CHOICE option whose value is also the output file's extension (ABI 1.1,
// SB_OPTION_OUTPUT_EXTENSION): `--format mp3` writes "name.mp3". Choices must be
// [a-z0-9]+; the converter's output_extension should be "." + default_value.
constexpr sb_option_desc output_extension_option(const char *name, const char *short_name, const char *help,
                                                 const char *default_value, const char *const *choices) noexcept {
    sb_option_desc o = choice_option(name, short_name, help, default_value, choices);
    o.flags |= SB_OPTION_OUTPUT_EXTENSION;
    return o;
}

constexpr sb_option_desc ranged(sb_option_desc o, double min_value, double max_value) noexcept {
    o.flags |= SB_OPTION_HAS_RANGE;
    o.min_value = min_value;
    o.max_value = max_value;
    return o;
}

constexpr sb_option_desc int_option(const char *name, const char *short_name, const char *help,
                                    const char *default_value, double min_value, double max_value,
                                    const char *value_name = nullptr) noexcept {
    sb_option_desc o = ranged(detail::option(name, short_name, SB_OPTION_INT, help, default_value), min_value, max_value);
    o.value_name = value_name;
    return o;
}

constexpr sb_option_desc float_option(const char *name, const char *short_name, const char *help,
                                      const char *default_value, double min_value, double max_value,
                                      const char *value_name = nullptr) noexcept {
    sb_option_desc o = ranged(detail::option(name, short_name, SB_OPTION_FLOAT, help, default_value), min_value, max_value);
    o.value_name = value_name;
    return o;
}

constexpr sb_option_desc bitrate_option(const char *name, const char *short_name, const char *help,
                                        const char *default_value, double min_bps, double max_bps) noexcept {
    sb_option_desc o = ranged(detail::option(name, short_name, SB_OPTION_BITRATE, help, default_value), min_bps, max_bps);
    o.value_name = "RATE";
    return o;
}

} // namespace sb::sdk

// Defines the plugin's exported entry. Use once per plugin, at namespace scope,
// after the converter descriptors:
//
//   static const sb_converter_desc kMp4 = sb::sdk::describe<Mp4Converter>({...});
//   SB_PLUGIN("org.example.mp4", "1.0.0", &kMp4)
#define SB_PLUGIN(PLUGIN_ID, PLUGIN_VERSION, ...)                                              \
    namespace {                                                                                \
    const sb_converter_desc *const sb_plugin_converter_list_[] = {__VA_ARGS__};                \
    const sb_plugin_desc *sb_plugin_get_(const sb_host_info *) noexcept {                      \
        static const sb_plugin_desc desc = {                                                   \
            sizeof(sb_plugin_desc), PLUGIN_ID, PLUGIN_VERSION,                                 \
            static_cast<std::uint32_t>(sizeof sb_plugin_converter_list_ /                      \
                                       sizeof sb_plugin_converter_list_[0]),                   \
            sb_plugin_converter_list_};                                                        \
        return &desc;                                                                          \
    }                                                                                          \
    }                                                                                          \
    extern "C" SB_PLUGIN_EXPORT const sb_plugin_entry_t sb_plugin_entry;                       \
    extern "C" SB_PLUGIN_EXPORT const sb_plugin_entry_t sb_plugin_entry = {                    \
        SB_ABI_VERSION_MAJOR, SB_ABI_VERSION_MINOR, sizeof(sb_plugin_entry_t), &sb_plugin_get_};

#endif // SB_CONVERTER_HPP
