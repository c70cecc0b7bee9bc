// FFmpeg's AVIOInterruptCB bound to a job's cancellation flag.
#ifndef SB_FFMPEG_INTERRUPT_HPP
#define SB_FFMPEG_INTERRUPT_HPP

#include <sb/converter.hpp>

extern "C" {
#include <libavformat/avio.h>
}

namespace sb::ffmpeg {

// Blocking FFmpeg I/O polls this and fails with AVERROR_EXIT once the host
// cancels the job. `job` must outlive every context the callback is installed
// on (it does when the contexts live inside the convert call that owns the
// Job). FFmpeg may call it from its own threads: Job::cancelled() is [any].
inline AVIOInterruptCB interrupt_callback_for(const sb::sdk::Job &job) noexcept {
    AVIOInterruptCB cb{};
    cb.callback = [](void *opaque) -> int { return static_cast<const sb::sdk::Job *>(opaque)->cancelled() ? 1 : 0; };
    cb.opaque = const_cast<sb::sdk::Job *>(&job);
    return cb;
}

} // namespace sb::ffmpeg

#endif // SB_FFMPEG_INTERRUPT_HPP
