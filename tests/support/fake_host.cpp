#include "fake_host.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace sb::test {
namespace {

// "192k" -> 192000, "2.5M" -> 2500000, "23" -> 23, "true" -> 1.
bool parse_number(const char *text, double &value) {
    if (text == nullptr) return false;
    const std::string t = text;
    if (t == "true" || t == "yes" || t == "on") {
        value = 1;
        return true;
    }
    if (t == "false" || t == "no" || t == "off") {
        value = 0;
        return true;
    }
    char *end = nullptr;
    value = std::strtod(text, &end);
    if (end == text) return false;
    switch (*end) {
    case 'k': case 'K': value *= 1e3; ++end; break;
    case 'm': case 'M': value *= 1e6; ++end; break;
    case 'g': case 'G': value *= 1e9; ++end; break;
    default: break;
    }
    return *end == '\0';
}

const char *level_name(sb_log_level level) {
    switch (level) {
    case SB_LOG_DEBUG: return "debug";
    case SB_LOG_INFO: return "info";
    case SB_LOG_WARNING: return "warning";
    default: return "error";
    }
}

} // namespace

struct FakeHost::Access {
    static FakeHost &of(const sb_job *job) { return *reinterpret_cast<FakeHost *>(const_cast<sb_job *>(job)); }

    static int32_t is_cancelled(const sb_job *job) { return of(job).cancelled_.load() ? 1 : 0; }
    static void report_progress(sb_job *job, const sb_progress *progress) {
        FakeHost &h = of(job);
        std::lock_guard lock(h.mutex_);
        h.last_progress_seconds_ = progress->position_seconds;
        ++h.progress_calls_;
    }
    static void log(sb_job *job, sb_log_level level, const char *message) {
        FakeHost &h = of(job);
        std::lock_guard lock(h.mutex_);
        const std::string text = message != nullptr ? message : "";
        h.logs_.push_back(std::string(level_name(level)) + ": " + text);
        if (level == SB_LOG_WARNING) h.warnings_.push_back(text);
    }
    static void set_error(sb_job *job, const char *message) {
        FakeHost &h = of(job);
        std::lock_guard lock(h.mutex_);
        h.error_ = message != nullptr ? message : "";
    }
    static int32_t thread_budget(const sb_job *job) { return of(job).thread_budget_.load(); }
    static const char *input_path(const sb_job *job) { return of(job).input_.c_str(); }
    static const char *output_path(const sb_job *job) {
        const FakeHost &h = of(job);
        return h.output_.empty() ? nullptr : h.output_.c_str();
    }
    static int32_t option_is_set(const sb_job *job, const char *name) {
        return of(job).explicit_options_.count(name) != 0 ? 1 : 0;
    }
    static int64_t option_int(const sb_job *job, const char *name) {
        double value = 0;
        return parse_number(of(job).lookup(name), value) ? static_cast<int64_t>(std::llround(value)) : 0;
    }
    static double option_float(const sb_job *job, const char *name) {
        double value = 0;
        return parse_number(of(job).lookup(name), value) ? value : 0.0;
    }
    static const char *option_string(const sb_job *job, const char *name) { return of(job).lookup(name); }
};

FakeHost::FakeHost() {
    api_.struct_size = sizeof api_;
    api_.is_cancelled = &Access::is_cancelled;
    api_.report_progress = &Access::report_progress;
    api_.log = &Access::log;
    api_.set_error = &Access::set_error;
    api_.thread_budget = &Access::thread_budget;
    api_.input_path = &Access::input_path;
    api_.output_path = &Access::output_path;
    api_.option_is_set = &Access::option_is_set;
    api_.option_int = &Access::option_int;
    api_.option_float = &Access::option_float;
    api_.option_string = &Access::option_string;
}

void FakeHost::set_option(std::string name, std::string text_value) {
    explicit_options_[std::move(name)] = std::move(text_value);
}

void FakeHost::set_defaults(const sb_converter_desc &desc) {
    for (uint32_t i = 0; i < desc.option_count; ++i) {
        const sb_option_desc &o = desc.options[i];
        if (o.default_value != nullptr) default_options_[o.name] = o.default_value;
    }
}

void FakeHost::cancel() { cancelled_ = true; }
void FakeHost::set_thread_budget(int n) { thread_budget_ = n; }

const char *FakeHost::lookup(const std::string &name) const {
    if (auto it = explicit_options_.find(name); it != explicit_options_.end()) return it->second.c_str();
    if (auto it = default_options_.find(name); it != default_options_.end()) return it->second.c_str();
    if (current_ != nullptr) {
        for (uint32_t i = 0; i < current_->option_count; ++i)
            if (name == current_->options[i].name) return current_->options[i].default_value;
    }
    return nullptr;
}

void FakeHost::reset_results() {
    std::lock_guard lock(mutex_);
    error_.clear();
    warnings_.clear();
    logs_.clear();
    last_progress_seconds_ = 0.0;
    progress_calls_ = 0;
}

sb_status FakeHost::convert(const sb_converter_desc &desc, const std::filesystem::path &in,
                            const std::filesystem::path &out) {
    reset_results();
    current_ = &desc;
    input_ = in.string();
    output_ = out.string();
    const sb_status status = desc.convert(reinterpret_cast<sb_job *>(this), &api_);
    current_ = nullptr;
    return status;
}

sb_status FakeHost::probe(const sb_converter_desc &desc, const std::filesystem::path &in, double *duration) {
    reset_results();
    if (desc.probe == nullptr) return SB_STATUS_FAILED;
    current_ = &desc;
    input_ = in.string();
    output_.clear();
    sb_probe_info info{};
    info.struct_size = sizeof info;
    info.duration_seconds = -1.0;
    const sb_status status = desc.probe(reinterpret_cast<sb_job *>(this), &api_, &info);
    current_ = nullptr;
    if (duration != nullptr) *duration = info.duration_seconds;
    return status;
}

sb_status FakeHost::plan(const sb_converter_desc &desc, const std::filesystem::path &in) {
    reset_results();
    if (desc.plan == nullptr) return SB_STATUS_FAILED;
    current_ = &desc;
    input_ = in.string();
    output_.clear();
    const sb_status status = desc.plan(reinterpret_cast<sb_job *>(this), &api_);
    current_ = nullptr;
    return status;
}

const std::string &FakeHost::error() const { return error_; }
const std::vector<std::string> &FakeHost::warnings() const { return warnings_; }
const std::vector<std::string> &FakeHost::logs() const { return logs_; }
double FakeHost::last_progress_seconds() const {
    std::lock_guard lock(mutex_);
    return last_progress_seconds_;
}
int FakeHost::progress_calls() const { return progress_calls_.load(); }

} // namespace sb::test
