// WorkerPool: exactly-once execution, real concurrency, backpressure, error
// collection, cancellation at every stage, results in submission order.
// Every wait is bounded, so a broken pool fails the test instead of hanging it.
#include "core_test_util.hpp"

#include <sb/core/worker_pool.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using sb::core::WorkerPool;
using sb::test::wait_until;
using namespace std::chrono_literals;

// A gate tasks wait on until the test opens it (or a generous timeout passes,
// so a bug cannot hang the suite).
class Gate {
public:
    void open() {
        {
            std::lock_guard lock(mutex_);
            open_ = true;
        }
        cv_.notify_all();
    }
    // True if the gate was opened, false on timeout.
    bool wait(std::chrono::milliseconds timeout = 5000ms) {
        std::unique_lock lock(mutex_);
        return cv_.wait_for(lock, timeout, [&] { return open_; });
    }

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    bool open_ = false;
};

TEST(Pool, EveryJobRunsExactlyOnce) {
    constexpr std::size_t kJobs = 2000;
    std::vector<std::atomic<int>> runs(kJobs);
    WorkerPool pool(4);
    for (std::size_t i = 0; i < kJobs; ++i)
        ASSERT_TRUE(pool.submit([&runs, i](std::stop_token) { runs[i].fetch_add(1); }));
    const auto results = pool.finish();

    ASSERT_EQ(results.size(), kJobs);
    for (std::size_t i = 0; i < kJobs; ++i) {
        EXPECT_EQ(runs[i].load(), 1) << "job " << i;
        EXPECT_EQ(results[i].state, WorkerPool::State::completed) << "job " << i;
    }
}

TEST(Pool, WorkersReallyRunConcurrently) {
    // A barrier that opens only when all N tasks are inside at the same time.
    constexpr std::size_t kWorkers = 4;
    std::mutex mutex;
    std::condition_variable cv;
    std::size_t inside = 0;
    std::atomic<int> met{0};
    WorkerPool pool(kWorkers);
    for (std::size_t i = 0; i < kWorkers; ++i) {
        ASSERT_TRUE(pool.submit([&](std::stop_token) {
            std::unique_lock lock(mutex);
            ++inside;
            cv.notify_all();
            if (cv.wait_for(lock, 3s, [&] { return inside == kWorkers; })) ++met;
        }));
    }
    pool.finish();
    EXPECT_EQ(met.load(), static_cast<int>(kWorkers)) << "the " << kWorkers << " tasks were never all running at once";
}

TEST(Pool, SubmitBlocksWhileTheQueueIsFull) {
    Gate gate;
    WorkerPool pool(1, 1); // one worker, room for one queued task
    ASSERT_TRUE(pool.submit([&](std::stop_token) { gate.wait(); }));
    ASSERT_TRUE(wait_until([&] { return pool.running() == 1; })) << "the first task never started";
    ASSERT_TRUE(pool.submit([](std::stop_token) {})); // fills the queue

    std::atomic<bool> third_returned{false};
    std::thread submitter([&] {
        pool.submit([](std::stop_token) {});
        third_returned = true;
    });
    std::this_thread::sleep_for(50ms);
    EXPECT_FALSE(third_returned.load()) << "submit() returned although the queue was full";
    EXPECT_EQ(pool.remaining(), 2u);

    gate.open();
    submitter.join();
    EXPECT_TRUE(third_returned.load());
    const auto results = pool.finish();
    ASSERT_EQ(results.size(), 3u);
    for (const auto &r : results) EXPECT_EQ(r.state, WorkerPool::State::completed);
}

TEST(Pool, DefaultQueueHoldsTwoTasksPerWorker) {
    Gate gate;
    WorkerPool pool(1);
    ASSERT_TRUE(pool.submit([&](std::stop_token) { gate.wait(); }));
    ASSERT_TRUE(wait_until([&] { return pool.running() == 1; }));
    ASSERT_TRUE(pool.submit([](std::stop_token) {}));
    ASSERT_TRUE(pool.submit([](std::stop_token) {})); // 2 x 1 queued: still room

    std::atomic<bool> returned{false};
    std::thread submitter([&] {
        pool.submit([](std::stop_token) {});
        returned = true;
    });
    std::this_thread::sleep_for(50ms);
    EXPECT_FALSE(returned.load()) << "the default queue holds more than 2 x workers";
    gate.open();
    submitter.join();
    EXPECT_EQ(pool.finish().size(), 4u);
}

TEST(Pool, ExceptionInAJobBecomesThatJobsErrorAndOthersComplete) {
    std::atomic<int> completed{0};
    WorkerPool pool(3);
    for (int i = 0; i < 12; ++i) {
        ASSERT_TRUE(pool.submit([&completed, i](std::stop_token) {
            if (i == 3) throw std::runtime_error("boom in job 3");
            if (i == 7) throw 7; // not a std::exception
            ++completed;
        }));
    }
    const auto results = pool.finish();
    ASSERT_EQ(results.size(), 12u);
    EXPECT_EQ(completed.load(), 10);
    EXPECT_EQ(results[3].state, WorkerPool::State::failed);
    EXPECT_EQ(results[3].error, "boom in job 3");
    EXPECT_EQ(results[7].state, WorkerPool::State::failed);
    EXPECT_FALSE(results[7].error.empty());
    for (int i = 0; i < 12; ++i) {
        if (i != 3 && i != 7) {
            EXPECT_EQ(results[i].state, WorkerPool::State::completed) << "job " << i;
        }
    }
}

TEST(Pool, CancelPendingBeforeStartNeverRunsQueuedJobs) {
    Gate gate;
    std::vector<std::atomic<bool>> ran(6);
    WorkerPool pool(1, 8);
    ASSERT_TRUE(pool.submit([&](std::stop_token) {
        ran[0] = true;
        gate.wait();
    }));
    ASSERT_TRUE(wait_until([&] { return pool.running() == 1; }));
    for (std::size_t i = 1; i < ran.size(); ++i) ASSERT_TRUE(pool.submit([&ran, i](std::stop_token) { ran[i] = true; }));

    pool.cancel_pending();
    EXPECT_FALSE(pool.submit([](std::stop_token) {})) << "a cancelled pool must refuse new tasks";
    gate.open();
    const auto results = pool.finish();

    ASSERT_EQ(results.size(), ran.size()) << "the refused task must not get a result";
    EXPECT_EQ(results[0].state, WorkerPool::State::completed);
    for (std::size_t i = 1; i < ran.size(); ++i) {
        EXPECT_FALSE(ran[i].load()) << "job " << i << " ran after cancel_pending()";
        EXPECT_EQ(results[i].state, WorkerPool::State::cancelled) << "job " << i;
    }
}

TEST(Pool, CancelBeforeAnySubmitRefusesEverything) {
    WorkerPool pool(2);
    pool.cancel_pending();
    std::atomic<bool> ran{false};
    EXPECT_FALSE(pool.submit([&](std::stop_token) { ran = true; }));
    EXPECT_TRUE(pool.finish().empty());
    EXPECT_FALSE(ran.load());
}

TEST(Pool, CancelPendingLetsRunningJobsFinishWithoutAStopRequest) {
    Gate gate;
    std::atomic<bool> stop_seen{true};
    std::atomic<bool> finished{false};
    WorkerPool pool(1);
    ASSERT_TRUE(pool.submit([&](std::stop_token stop) {
        gate.wait();
        stop_seen = stop.stop_requested();
        finished = true;
    }));
    ASSERT_TRUE(pool.submit([](std::stop_token) {}));
    ASSERT_TRUE(wait_until([&] { return pool.running() == 1; }));

    pool.cancel_pending();
    gate.open();
    const auto results = pool.finish();
    EXPECT_TRUE(finished.load());
    EXPECT_FALSE(stop_seen.load()) << "cancel_pending() must not stop running jobs";
    ASSERT_EQ(results.size(), 2u);
    EXPECT_EQ(results[0].state, WorkerPool::State::completed);
    EXPECT_EQ(results[1].state, WorkerPool::State::cancelled);
}

TEST(Pool, AbortStopsRunningJobsThroughTheirStopToken) {
    constexpr int kRunning = 2;
    std::atomic<int> stopped_by_token{0};
    std::atomic<bool> queued_ran{false};
    WorkerPool pool(kRunning, 4);
    for (int i = 0; i < kRunning; ++i) {
        ASSERT_TRUE(pool.submit([&](std::stop_token stop) {
            // Cooperative: poll the token like a converter polls is_cancelled.
            const auto deadline = std::chrono::steady_clock::now() + 5s;
            while (!stop.stop_requested() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
            if (stop.stop_requested()) ++stopped_by_token;
        }));
    }
    ASSERT_TRUE(pool.submit([&](std::stop_token) { queued_ran = true; }));
    ASSERT_TRUE(wait_until([&] { return pool.running() == kRunning; }));

    const auto t0 = std::chrono::steady_clock::now();
    pool.abort();
    const auto results = pool.finish();
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 2s);
    EXPECT_EQ(stopped_by_token.load(), kRunning);
    EXPECT_FALSE(queued_ran.load());
    ASSERT_EQ(results.size(), 3u);
    EXPECT_EQ(results[2].state, WorkerPool::State::cancelled);
}

TEST(Pool, CancelAfterFinishChangesNoResult) {
    WorkerPool pool(2);
    for (int i = 0; i < 4; ++i) ASSERT_TRUE(pool.submit([](std::stop_token) {}));
    const auto first = pool.finish();
    pool.cancel_pending();
    pool.abort();
    EXPECT_FALSE(pool.submit([](std::stop_token) {})) << "a finished pool must refuse new tasks";
    const auto again = pool.finish();
    ASSERT_EQ(first.size(), 4u);
    ASSERT_EQ(again.size(), 4u);
    for (std::size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(first[i].state, WorkerPool::State::completed);
        EXPECT_EQ(again[i].state, WorkerPool::State::completed);
    }
}

TEST(Pool, ResultsAreInSubmissionOrder) {
    // Later jobs finish first (earlier ones sleep longer); each fails with its own index.
    constexpr int kJobs = 16;
    WorkerPool pool(4);
    for (int i = 0; i < kJobs; ++i) {
        ASSERT_TRUE(pool.submit([i](std::stop_token) {
            std::this_thread::sleep_for(std::chrono::milliseconds((kJobs - i) % 5));
            if (i % 2) throw std::runtime_error("job " + std::to_string(i));
        }));
    }
    const auto results = pool.finish();
    ASSERT_EQ(results.size(), static_cast<std::size_t>(kJobs));
    for (int i = 0; i < kJobs; ++i) {
        if (i % 2) {
            EXPECT_EQ(results[i].state, WorkerPool::State::failed);
            EXPECT_EQ(results[i].error, "job " + std::to_string(i));
        } else {
            EXPECT_EQ(results[i].state, WorkerPool::State::completed);
        }
    }
}

TEST(Pool, DestructorWithoutFinishStopsRunningJobs) {
    std::atomic<bool> stopped{false};
    const auto t0 = std::chrono::steady_clock::now();
    {
        WorkerPool pool(1);
        ASSERT_TRUE(pool.submit([&](std::stop_token stop) {
            const auto deadline = std::chrono::steady_clock::now() + 5s;
            while (!stop.stop_requested() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
            stopped = stop.stop_requested();
        }));
        ASSERT_TRUE(wait_until([&] { return pool.running() == 1; }));
    }
    EXPECT_TRUE(stopped.load());
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 2s);
}

TEST(Pool, SubmitFromSeveralThreadsGivesEachTaskOneResult) {
    constexpr int kThreads = 4, kPerThread = 200;
    std::atomic<int> runs{0};
    WorkerPool pool(3, 2);
    std::vector<std::thread> submitters;
    for (int t = 0; t < kThreads; ++t)
        submitters.emplace_back([&] {
            for (int i = 0; i < kPerThread; ++i) pool.submit([&](std::stop_token) { ++runs; });
        });
    for (auto &t : submitters) t.join();
    const auto results = pool.finish();
    EXPECT_EQ(results.size(), static_cast<std::size_t>(kThreads * kPerThread));
    EXPECT_EQ(runs.load(), kThreads * kPerThread);
}

} // namespace
