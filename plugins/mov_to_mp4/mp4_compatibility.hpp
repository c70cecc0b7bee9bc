// Which input streams can go into the MP4 packet for packet, and which of those
// also play everywhere an MP4 plays (the --mode auto copy list).
#ifndef SB_MP4_MP4_COMPATIBILITY_HPP
#define SB_MP4_MP4_COMPATIBILITY_HPP

extern "C" {
#include <libavformat/avformat.h>
}

#include <string>

namespace sb::mp4 {

// Why the MP4 muxer cannot take this stream's packets as they are, or "" when
// it can. Besides codecs MP4 has no sample entry for, this refuses B-frame video
// from containers without presentation timestamps (AVI): copied, its frames
// would play in decode order.
std::string why_mp4_cannot_hold(const AVStream &stream, const AVFormatContext &input);

// Why the stream is not on the auto-copy list, or "" when it is (see the
// plugin README for the list and the reasons):
//   video: H.264 8-bit 4:2:0; HEVC 8/10-bit 4:2:0
//   audio: AAC, MP3 (16 kHz and up), AC-3, ALAC
// A stream on the list must also pass why_mp4_cannot_hold.
std::string why_not_playable_as_is(const AVStream &stream, const AVFormatContext &input);

// SubRip, ASS/SSA, WebVTT, mov_text, ...: text the mov_text encoder can take.
bool is_text_subtitle(const AVCodecParameters &par) noexcept;

// A still picture MP4 keeps as cover art ('covr': JPEG, PNG or BMP).
bool is_keepable_cover_art(const AVStream &stream) noexcept;

// "yuv420p10le" or "unknown pixel format".
std::string pixel_format_name(int format);

} // namespace sb::mp4

#endif // SB_MP4_MP4_COMPATIBILITY_HPP
