#include <sb/core/worker_pool.hpp>

#include <exception>
#include <stdexcept>

namespace sb::core {

WorkerPool::WorkerPool(std::size_t workers, std::size_t queue_capacity)
    : capacity_(queue_capacity ? queue_capacity : 2 * (workers ? workers : 1)) {
    if (workers == 0) workers = 1;
    threads_.reserve(workers);
    for (std::size_t i = 0; i < workers; ++i) threads_.emplace_back([this] { worker_loop(); });
}

WorkerPool::~WorkerPool() {
    if (!threads_.empty()) {
        abort();
        finish();
    }
}

bool WorkerPool::submit(Task task) {
    std::unique_lock lock(mutex_);
    space_available_.wait(lock, [&] { return queue_.size() < capacity_ || pending_cancelled_ || closed_; });
    if (pending_cancelled_ || closed_) return false;
    const std::size_t index = next_index_++;
    results_.emplace_back();
    queue_.push_back({index, std::move(task)});
    work_available_.notify_one();
    return true;
}

void WorkerPool::cancel_pending() {
    std::lock_guard lock(mutex_);
    pending_cancelled_ = true;
    queue_.clear(); // their results stay State::cancelled
    space_available_.notify_all();
    work_available_.notify_all();
}

void WorkerPool::abort() {
    cancel_pending();
    stop_.request_stop();
}

std::vector<WorkerPool::Result> WorkerPool::finish() {
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
        work_available_.notify_all();
        space_available_.notify_all();
    }
    for (auto &t : threads_) t.join();
    threads_.clear();
    std::lock_guard lock(mutex_);
    return results_;
}

std::size_t WorkerPool::running() const {
    std::lock_guard lock(mutex_);
    return running_;
}

std::size_t WorkerPool::remaining() const {
    std::lock_guard lock(mutex_);
    return running_ + queue_.size();
}

void WorkerPool::worker_loop() {
    for (;;) {
        Item item;
        {
            std::unique_lock lock(mutex_);
            work_available_.wait(lock, [&] { return !queue_.empty() || closed_ || pending_cancelled_; });
            if (queue_.empty()) return; // closed or cancelled, nothing left to run
            item = std::move(queue_.front());
            queue_.pop_front();
            ++running_;
            space_available_.notify_one();
        }
        Result result;
        try {
            item.task(stop_.get_token());
            result.state = State::completed;
        } catch (const std::exception &e) {
            result.state = State::failed;
            result.error = e.what();
        } catch (...) {
            result.state = State::failed;
            result.error = "unknown exception";
        }
        std::lock_guard lock(mutex_);
        --running_;
        results_[item.index] = std::move(result);
    }
}

} // namespace sb::core
