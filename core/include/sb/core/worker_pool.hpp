// A fixed pool of N worker threads pulling tasks from a bounded queue
// (ADR-003, C++ edition: docs/adr/ADR-003-worker-pool.md).
//
//  - submit() blocks while the queue is full (backpressure) and returns false
//    once pending work was cancelled: the caller then records that task as cancelled.
//  - Every task gets the pool's stop_token: abort() requests a stop that running
//    tasks observe cooperatively. cancel_pending() only drops queued tasks.
//  - A task that throws fails alone: its exception text becomes its result's error.
//  - finish() closes the queue, waits for the workers and returns one result per
//    submitted task, in submission order.
//
// Thread safety: every member function may be called from any thread, except
// finish() and the destructor, which belong to the thread that owns the pool.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

namespace sb::core {

class WorkerPool {
public:
    using Task = std::function<void(std::stop_token)>;

    enum class State { completed, failed, cancelled };
    struct Result {
        State state = State::cancelled;
        std::string error; // for failed
    };

    // workers >= 1; queue_capacity 0 means 2 x workers.
    explicit WorkerPool(std::size_t workers, std::size_t queue_capacity = 0);
    ~WorkerPool(); // aborts and joins if finish() was not called
    WorkerPool(const WorkerPool &) = delete;
    WorkerPool &operator=(const WorkerPool &) = delete;

    // Queues a task (blocking while the queue is full). Returns false, without
    // queuing it, when pending work has been cancelled or the pool is finished.
    bool submit(Task task);

    // Tasks not yet started never start (reported cancelled); running ones go on.
    void cancel_pending();
    // cancel_pending() plus a stop request to the running tasks' stop_token.
    void abort();

    std::vector<Result> finish();

    std::size_t worker_count() const { return threads_.size(); }
    std::size_t running() const;   // tasks executing right now
    std::size_t remaining() const; // queued + running

private:
    struct Item {
        std::size_t index;
        Task task;
    };
    void worker_loop();

    mutable std::mutex mutex_;
    std::condition_variable_any work_available_;
    std::condition_variable_any space_available_;
    std::deque<Item> queue_;
    std::vector<Result> results_;
    std::size_t capacity_;
    std::size_t next_index_ = 0;
    std::size_t running_ = 0;
    bool closed_ = false;
    bool pending_cancelled_ = false;
    std::stop_source stop_;
    std::vector<std::jthread> threads_;
};

} // namespace sb::core
