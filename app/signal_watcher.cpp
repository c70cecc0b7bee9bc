#include "signal_watcher.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <stdexcept>

namespace sb::app {

namespace {
// The process-wide signal pipe: the only state a signal handler may touch.
volatile std::sig_atomic_t g_signal_pipe_write_fd = -1;
int g_signal_pipe_read_fd = -1;

extern "C" void on_signal_handler(int signo) {
    const int saved = errno;
    const unsigned char byte = static_cast<unsigned char>(signo);
    if (g_signal_pipe_write_fd >= 0) {
        [[maybe_unused]] const auto n = ::write(g_signal_pipe_write_fd, &byte, 1);
    }
    errno = saved;
}

struct sigaction g_previous_int {};
struct sigaction g_previous_term {};
} // namespace

SignalWatcher::SignalWatcher(std::function<void(int, int)> on_signal) : on_signal_(std::move(on_signal)) {
    int signal_fds[2];
    if (::pipe2(signal_fds, O_CLOEXEC | O_NONBLOCK) != 0 || ::pipe2(wake_fds_, O_CLOEXEC) != 0)
        throw std::runtime_error("cannot create the signal pipe");
    g_signal_pipe_read_fd = signal_fds[0];
    g_signal_pipe_write_fd = signal_fds[1];
    struct sigaction sa {};
    sa.sa_handler = &on_signal_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &sa, &g_previous_int);
    ::sigaction(SIGTERM, &sa, &g_previous_term);
    thread_ = std::thread([this] { watch(); });
}

SignalWatcher::~SignalWatcher() {
    ::sigaction(SIGINT, &g_previous_int, nullptr);
    ::sigaction(SIGTERM, &g_previous_term, nullptr);
    const unsigned char stop = 0;
    [[maybe_unused]] const auto n = ::write(wake_fds_[1], &stop, 1);
    thread_.join();
    const int write_fd = g_signal_pipe_write_fd;
    g_signal_pipe_write_fd = -1;
    ::close(write_fd);
    ::close(g_signal_pipe_read_fd);
    g_signal_pipe_read_fd = -1;
    ::close(wake_fds_[0]);
    ::close(wake_fds_[1]);
}

void SignalWatcher::watch() {
    int count = 0;
    for (;;) {
        pollfd fds[2] = {{g_signal_pipe_read_fd, POLLIN, 0}, {wake_fds_[0], POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            return;
        }
        if (fds[1].revents) return;
        unsigned char signo = 0;
        while (::read(g_signal_pipe_read_fd, &signo, 1) == 1) on_signal_(signo, ++count);
    }
}

} // namespace sb::app
