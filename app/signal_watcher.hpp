// Turns SIGINT/SIGTERM into calls on an ordinary thread. The handler itself is
// async-signal-safe: it only write()s the signal number into a self-pipe.
#pragma once

#include <functional>
#include <thread>

namespace sb::app {

class SignalWatcher {
public:
    // on_signal(signal_number, how_many_so_far) runs on the watcher's thread.
    explicit SignalWatcher(std::function<void(int, int)> on_signal);
    ~SignalWatcher(); // restores the previous handlers and joins
    SignalWatcher(const SignalWatcher &) = delete;
    SignalWatcher &operator=(const SignalWatcher &) = delete;

private:
    void watch();
    std::function<void(int, int)> on_signal_;
    int wake_fds_[2] = {-1, -1}; // [0] read by the watcher, [1] written on shutdown
    std::thread thread_;
};

} // namespace sb::app
