#include "subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <utility>

extern char **environ;

namespace sb::e2e {

namespace fs = std::filesystem;

namespace {

// Owns a file descriptor (closed on scope exit unless released).
class Fd {
public:
    explicit Fd(int fd = -1) : fd_(fd) {}
    ~Fd() { reset(); }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    int get() const { return fd_; }
    int release() { return std::exchange(fd_, -1); }
    void reset(int fd = -1) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = fd;
    }

private:
    int fd_;
};

std::runtime_error os_error(const std::string &what) { return std::runtime_error(what + ": " + std::strerror(errno)); }

void make_pipe(Fd &read_end, Fd &write_end) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw os_error("pipe2");
    read_end.reset(fds[0]);
    write_end.reset(fds[1]);
}

std::vector<std::string> environment_for(const Command &command) {
    std::map<std::string, std::string> env;
    for (char **e = environ; e && *e; ++e) {
        const std::string entry = *e;
        const auto eq = entry.find('=');
        if (eq != std::string::npos) env[entry.substr(0, eq)] = entry.substr(eq + 1);
    }
    for (const auto &[name, value] : command.env) {
        if (value) env[name] = *value;
        else env.erase(name);
    }
    std::vector<std::string> out;
    for (const auto &[name, value] : env) out.push_back(name + "=" + value);
    return out;
}

std::vector<char *> c_strings(std::vector<std::string> &strings) {
    std::vector<char *> out;
    for (auto &s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

// Between fork and exec only async-signal-safe calls are allowed: everything
// the child needs was prepared by the parent.
[[noreturn]] void exec_child(const char *path, char *const argv[], char *const envp[], const char *cwd,
                             const Command &command, int stdout_fd, int stderr_fd, int pty_slave, int error_fd) {
    auto fail = [error_fd](int err) {
        [[maybe_unused]] auto n = ::write(error_fd, &err, sizeof err);
        ::_exit(127);
    };
    if (pty_slave >= 0) {
        // A new session whose controlling terminal is the pty, as a terminal emulator does.
        if (::setsid() < 0 || ::ioctl(pty_slave, TIOCSCTTY, 0) < 0) fail(errno);
        for (int fd = 0; fd <= 2; ++fd)
            if (::dup2(pty_slave, fd) < 0) fail(errno);
    } else {
        // Its own process group: a Ctrl+C meant for the test run does not reach it.
        ::setpgid(0, 0);
        const int null_fd = ::open("/dev/null", O_RDONLY);
        if (null_fd < 0 || ::dup2(null_fd, 0) < 0 || ::dup2(stdout_fd, 1) < 0 || ::dup2(stderr_fd, 2) < 0) fail(errno);
    }
    if (cwd && ::chdir(cwd) != 0) fail(errno);

    // Dispositions set to "ignore" survive exec; the child must see signals as a
    // user's program does, whatever the test runner ignores.
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    for (int sig : {SIGINT, SIGTERM, SIGQUIT, SIGPIPE, SIGHUP, SIGXFSZ}) ::sigaction(sig, &dfl, nullptr);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    if (command.file_size_limit) {
        struct sigaction ign {};
        ign.sa_handler = SIG_IGN;
        sigemptyset(&ign.sa_mask);
        ::sigaction(SIGXFSZ, &ign, nullptr);
        const rlimit limit{static_cast<rlim_t>(*command.file_size_limit), static_cast<rlim_t>(*command.file_size_limit)};
        if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) fail(errno);
    }
    ::execve(path, argv, envp);
    fail(errno);
    ::_exit(127);
}

} // namespace

std::optional<fs::path> find_program(const std::string &name) {
    if (name.find('/') != std::string::npos) return fs::path(name);
    const char *path = std::getenv("PATH");
    std::string rest = path ? path : "/usr/local/bin:/usr/bin:/bin";
    while (!rest.empty()) {
        const auto colon = rest.find(':');
        const std::string dir = rest.substr(0, colon);
        rest = colon == std::string::npos ? "" : rest.substr(colon + 1);
        if (dir.empty()) continue;
        const fs::path candidate = fs::path(dir) / name;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return std::nullopt;
}

Process::Process(const Command &command) {
    if (command.argv.empty()) throw std::runtime_error("Process: empty argv");
    const auto program = find_program(command.argv[0]);
    if (!program) throw std::runtime_error("Process: " + command.argv[0] + " not found in PATH");
    const std::string path = program->string();
    std::vector<std::string> args = command.argv, env = environment_for(command);
    const auto argv = c_strings(args), envp = c_strings(env);
    const std::string cwd = command.cwd.string();

    Fd out_read, out_write, err_read, err_write, master, slave, error_read, error_write;
    make_pipe(error_read, error_write);
    if (command.pty) {
        int m = -1, s = -1;
        termios raw_output{};
        cfmakeraw(&raw_output); // no ONLCR, no echo: the bytes seen are the child's
        winsize size{};
        size.ws_row = 40;
        size.ws_col = 160;
        if (::openpty(&m, &s, nullptr, &raw_output, &size) != 0) throw os_error("openpty");
        master.reset(m);
        slave.reset(s);
        ::fcntl(m, F_SETFD, FD_CLOEXEC);
        ::fcntl(s, F_SETFD, FD_CLOEXEC);
    } else {
        make_pipe(out_read, out_write);
        make_pipe(err_read, err_write);
    }

    start_ = Clock::now();
    pid_ = ::fork();
    if (pid_ < 0) throw os_error("fork");
    if (pid_ == 0)
        exec_child(path.c_str(), argv.data(), envp.data(), cwd.empty() ? nullptr : cwd.c_str(), command, out_write.get(),
                   err_write.get(), slave.get(), error_write.get());

    // Parent: keep only the read ends; exec success closes the error pipe (CLOEXEC).
    out_write.reset();
    err_write.reset();
    slave.reset();
    error_write.reset();
    int child_errno = 0;
    ssize_t n;
    do n = ::read(error_read.get(), &child_errno, sizeof child_errno);
    while (n < 0 && errno == EINTR);
    if (n == sizeof child_errno) {
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        throw std::runtime_error("cannot run " + path + ": " + std::strerror(child_errno));
    }
    out_fd_ = command.pty ? master.release() : out_read.release();
    err_fd_ = command.pty ? -1 : err_read.release();
    reader_ = std::thread([this] { read_output(); });
}

Process::~Process() {
    if (pid_ > 0 && !exited_) {
        ::kill(pid_, SIGKILL);
        try_reap(true);
    }
    stop_reading_ = true;
    if (reader_.joinable()) reader_.join();
    if (out_fd_ >= 0) ::close(out_fd_);
    if (err_fd_ >= 0) ::close(err_fd_);
}

void Process::read_output() {
    std::vector<pollfd> fds;
    if (out_fd_ >= 0) fds.push_back({out_fd_, POLLIN, 0});
    if (err_fd_ >= 0) fds.push_back({err_fd_, POLLIN, 0});
    std::size_t open_count = fds.size();
    char buffer[65536];
    while (open_count > 0 && !stop_reading_) {
        if (::poll(fds.data(), fds.size(), 100) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (auto &p : fds) {
            if (p.fd < 0 || p.revents == 0) continue;
            const ssize_t n = ::read(p.fd, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) continue;
            std::lock_guard lock(mutex_);
            if (n <= 0) { // EOF, or EIO from a pty master once the child is gone
                p.fd = -1;
                --open_count;
            } else if (p.fd == out_fd_) {
                out_.append(buffer, static_cast<std::size_t>(n));
                out_chunks_.push_back({std::chrono::duration<double>(Clock::now() - start_).count(),
                                       std::string(buffer, static_cast<std::size_t>(n))});
            } else {
                err_.append(buffer, static_cast<std::size_t>(n));
            }
            changed_.notify_all();
        }
    }
    std::lock_guard lock(mutex_);
    reader_done_ = true;
    changed_.notify_all();
}

bool Process::try_reap(bool block) {
    if (exited_) return true;
    int status = 0;
    pid_t r;
    do r = ::waitpid(pid_, &status, block ? 0 : WNOHANG);
    while (r < 0 && errno == EINTR);
    if (r != pid_) return false;
    Completed c;
    c.seconds = elapsed();
    if (WIFEXITED(status)) {
        c.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        c.term_signal = WTERMSIG(status);
        c.exit_code = 128 + c.term_signal;
    }
    exited_ = c;
    return true;
}

void Process::send_signal(int signal_number) {
    if (pid_ > 0 && !exited_) ::kill(pid_, signal_number);
}

bool Process::running() { return !try_reap(false); }

double Process::elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

bool Process::wait_until(const std::function<bool()> &done, milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
        if (done()) return true;
        if (!running()) return done();
        std::this_thread::sleep_for(milliseconds(3));
    }
    return done();
}

bool Process::wait_for_output(const std::string &needle, milliseconds timeout, int times) {
    auto count = [&] {
        const std::string &text = err_fd_ >= 0 ? err_ : out_;
        int n = 0;
        for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + needle.size())) ++n;
        return n >= times;
    };
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return count() || reader_done_; }) && count();
}

std::string Process::err_so_far() const {
    std::lock_guard lock(mutex_);
    return err_fd_ >= 0 ? err_ : out_;
}

Completed Process::wait(milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    bool timed_out = false;
    while (!try_reap(false)) {
        if (Clock::now() >= deadline) {
            ::kill(pid_, SIGKILL);
            try_reap(true);
            timed_out = true;
            break;
        }
        std::this_thread::sleep_for(milliseconds(2));
    }
    // The pipes close when the child exits; a grandchild that kept them open
    // must not hang the test.
    {
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, std::chrono::seconds(5), [&] { return reader_done_; });
    }
    stop_reading_ = true;
    if (reader_.joinable()) reader_.join();
    Completed c = *exited_;
    c.timed_out = timed_out;
    std::lock_guard lock(mutex_);
    c.out = out_;
    c.err = err_;
    c.out_chunks = out_chunks_;
    return c;
}

Completed run(const Command &command, milliseconds timeout) {
    Process p(command);
    return p.wait(timeout);
}

} // namespace sb::e2e
