// FFmpeg error codes turned into the one-line reasons the host shows.
// Pure functions; safe from any thread.
#ifndef SB_FFMPEG_FFMPEG_ERROR_HPP
#define SB_FFMPEG_FFMPEG_ERROR_HPP

#include <sb/converter.hpp>

#include <string>
#include <string_view>

namespace sb::ffmpeg {

// FFmpeg's text for an AVERROR code ("Invalid data found when processing input").
std::string av_error_text(int errnum);

// Returns `rc` when it is >= 0; otherwise throws sb::sdk::Error("<what>: <FFmpeg text>").
int check(int rc, std::string_view what);

// Like check(), but a failure caused by the job's cancellation (AVERROR_EXIT from
// an interrupt callback, or any error once the job is cancelled) throws
// sb::sdk::Cancelled instead, so a user abort is never reported as a failure.
int check(int rc, std::string_view what, const sb::sdk::Job &job);

// Throws sb::sdk::Cancelled when `rc` is the interrupt callback's AVERROR_EXIT or
// the job has been cancelled; does nothing otherwise.
void throw_if_interrupted(int rc, const sb::sdk::Job &job);

} // namespace sb::ffmpeg

#endif // SB_FFMPEG_FFMPEG_ERROR_HPP
