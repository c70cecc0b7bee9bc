// An in-memory sb_host_api: calls a plugin's C functions directly, records what
// the plugin reports, and answers option queries from values set by the test.
#ifndef SB_TEST_FAKE_HOST_HPP
#define SB_TEST_FAKE_HOST_HPP

#include <sb/plugin_abi.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace sb::test {

// Thread-safety: the plugin may call the host API from any thread (codec
// threads included) while convert/probe runs; cancel() and progress_calls() may
// be called from another test thread meanwhile. The other accessors are meant to
// be read after the call returned. Not for two concurrent convert() calls.
class FakeHost {
public:
    FakeHost();
    FakeHost(const FakeHost &) = delete;
    FakeHost &operator=(const FakeHost &) = delete;

    // Stored as given; the typed getters parse it: integers, bitrates ("192k",
    // "2M", "2.5M"), flags ("1"/"0", "true"/"false"). Marks the option as set.
    void set_option(std::string name, std::string text_value);
    // Fills every option's default from the descriptor (not marked as set). Options
    // neither set nor defaulted here still fall back to the descriptor of the
    // converter being called, like the real host.
    void set_defaults(const sb_converter_desc &desc);

    void cancel();                 // is_cancelled() returns 1 from now on
    void set_thread_budget(int n); // thread_budget() answer (default 2)

    // Reset error/warnings/logs/progress, then call desc.convert / desc.probe.
    sb_status convert(const sb_converter_desc &desc, const std::filesystem::path &in,
                      const std::filesystem::path &out);
    sb_status probe(const sb_converter_desc &desc, const std::filesystem::path &in, double *duration);
    // desc.plan with no output path, like the host's --dry-run; FAILED when the converter has no plan.
    sb_status plan(const sb_converter_desc &desc, const std::filesystem::path &in);

    const std::string &error() const;                 // last set_error message
    const std::vector<std::string> &warnings() const; // SB_LOG_WARNING messages
    const std::vector<std::string> &logs() const;     // every log line as "<level>: <message>"
    double last_progress_seconds() const;
    int progress_calls() const;

    // The C callbacks reach the instance through the sb_job handle.
    struct Access;

private:
    void reset_results();
    const char *lookup(const std::string &name) const;

    sb_host_api api_{};
    const sb_converter_desc *current_ = nullptr;
    std::string input_, output_;
    std::map<std::string, std::string> explicit_options_;
    std::map<std::string, std::string> default_options_;
    std::atomic<bool> cancelled_{false};
    std::atomic<int> thread_budget_{2};

    mutable std::mutex mutex_;
    std::string error_;
    std::vector<std::string> warnings_;
    std::vector<std::string> logs_;
    double last_progress_seconds_ = 0.0;
    std::atomic<int> progress_calls_{0};
};

} // namespace sb::test

#endif // SB_TEST_FAKE_HOST_HPP
