// The plugin-side FFmpeg helpers (plugins/ffmpeg_support: RAII owners, error
// text, the cancellation interrupt callback, opening inputs), by their short
// names inside the mp4 converter.
#ifndef SB_MP4_FFMPEG_HPP
#define SB_MP4_FFMPEG_HPP

#include <sb/ffmpeg/ffmpeg_error.hpp>
#include <sb/ffmpeg/ffmpeg_ptr.hpp>
#include <sb/ffmpeg/input_file.hpp>
#include <sb/ffmpeg/interrupt.hpp>

namespace sb::mp4 {
using namespace sb::ffmpeg;
} // namespace sb::mp4

#endif // SB_MP4_FFMPEG_HPP
