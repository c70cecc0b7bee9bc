// Cancellation is cooperative and prompt.
#include "mp4_test_util.hpp"

#include <chrono>
#include <future>
#include <thread>

namespace sb::test {
namespace {

using Clock = std::chrono::steady_clock;

class Mp4Cancel : public Mp4Test {};

TEST_F(Mp4Cancel, CancelledBeforeStartReturnsCancelled) {
    MediaSpec spec;
    spec.duration = 0.5;
    const auto in = make("clip.mov", spec);
    host_.cancel();
    const auto start = Clock::now();
    EXPECT_EQ(convert(in, file("clip.mp4")), SB_STATUS_CANCELLED);
    EXPECT_LT(Clock::now() - start, std::chrono::seconds(2));
    EXPECT_TRUE(host_.error().empty()) << host_.error();
}

TEST_F(Mp4Cancel, CancelWhileConvertingStopsPromptly) {
    MediaSpec spec;
    spec.duration = 4.0;
    spec.width = 640;
    spec.height = 480;
    const auto in = make("long.mov", spec);
    host_.set_option("preset", "veryslow"); // many seconds of work if not stopped
    auto result = std::async(std::launch::async, [&] { return host_.convert(*mp4_, in, file("long.mp4")); });
    const auto deadline = Clock::now() + std::chrono::seconds(60);
    while (host_.progress_calls() == 0 && Clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    ASSERT_GT(host_.progress_calls(), 0) << "conversion never reported progress";
    const auto cancelled_at = Clock::now();
    host_.cancel();
    ASSERT_EQ(result.wait_for(std::chrono::seconds(10)), std::future_status::ready) << "did not stop";
    EXPECT_EQ(result.get(), SB_STATUS_CANCELLED);
    const auto took = std::chrono::duration<double>(Clock::now() - cancelled_at).count();
    std::cout << "stopped " << took << " s after cancel\n";
    EXPECT_LT(took, 3.0);
}

} // namespace
} // namespace sb::test
