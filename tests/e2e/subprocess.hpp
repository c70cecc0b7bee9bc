// Runs a program as a child process the way a user's shell would, minus the
// shell: argv goes to execve() as given (no quoting, no globbing), stdout and
// stderr are captured (or both go to a pseudo-terminal), and the test can send
// signals and time the child while it runs.
#ifndef SB_E2E_SUBPROCESS_HPP
#define SB_E2E_SUBPROCESS_HPP

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace sb::e2e {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

struct Command {
    // argv[0] is the program: a path, or a bare name looked up in PATH.
    std::vector<std::string> argv;
    std::filesystem::path cwd; // empty: the test's own working folder
    // Applied on top of the test's environment: a value sets, nullopt removes.
    std::map<std::string, std::optional<std::string>> env;
    // stdin, stdout and stderr on one pseudo-terminal (output then arrives in
    // `out` only). Output post-processing is off, so a '\r' seen by the test was
    // written by the child, not added by the line discipline.
    bool pty = false;
    // RLIMIT_FSIZE in bytes, with SIGXFSZ ignored: writes past it fail with EFBIG,
    // as `trap '' XFSZ; ulimit -f` does in a shell.
    std::optional<std::uint64_t> file_size_limit;
};

// Bytes as the child wrote them, stamped with when the test read them.
struct Chunk {
    double seconds; // since the child started
    std::string data;
};

struct Completed {
    int exit_code = -1;    // exit status, or 128 + signal like a shell reports it
    int term_signal = 0;   // the signal that killed the child, 0 when it exited
    bool timed_out = false; // killed by wait() after its timeout
    double seconds = 0;    // from start to exit
    std::string out, err;
    std::vector<Chunk> out_chunks;
};

// A running child. The destructor kills (SIGKILL) and reaps it if the test did
// not wait for it, so a failed assertion never leaves a process behind.
class Process {
public:
    explicit Process(const Command &command); // throws std::runtime_error
    ~Process();
    Process(const Process &) = delete;
    Process &operator=(const Process &) = delete;

    pid_t pid() const { return pid_; }
    void send_signal(int signal_number);
    // True while the child has not exited (reaps it when it has).
    bool running();
    // Seconds since the child started.
    double elapsed() const;

    // Polls `done` every few milliseconds until it holds (true), the child exits
    // or the timeout passes (false).
    bool wait_until(const std::function<bool()> &done, milliseconds timeout);
    // Waits until `needle` appeared on stderr (or the pty) `times` times.
    bool wait_for_output(const std::string &needle, milliseconds timeout, int times = 1);
    std::string err_so_far() const;

    // Waits for the exit; after `timeout` the child is killed and timed_out set.
    Completed wait(milliseconds timeout = milliseconds(120'000));

private:
    void read_output();
    bool try_reap(bool block);

    pid_t pid_ = -1;
    int out_fd_ = -1, err_fd_ = -1; // read ends (out_fd_ is the pty master with pty)
    Clock::time_point start_;
    std::optional<Completed> exited_;
    std::thread reader_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::string out_, err_;
    std::vector<Chunk> out_chunks_;
    bool reader_done_ = false;
    std::atomic<bool> stop_reading_{false}; // set when a grandchild keeps the pipes open
};

// Starts, waits, returns what happened.
Completed run(const Command &command, milliseconds timeout = milliseconds(120'000));

// The full path of a program in PATH, or nullopt.
std::optional<std::filesystem::path> find_program(const std::string &name);

} // namespace sb::e2e

#endif // SB_E2E_SUBPROCESS_HPP
