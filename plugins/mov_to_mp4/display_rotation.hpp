// Where a stream's rotation comes from, so the output carries exactly one.
#ifndef SB_MP4_DISPLAY_ROTATION_HPP
#define SB_MP4_DISPLAY_ROTATION_HPP

extern "C" {
#include <libavformat/avformat.h>
}

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sb::mp4 {

struct DisplayRotation {
    std::array<std::int32_t, 9> matrix{}; // AV_PKT_DATA_DISPLAYMATRIX layout
    std::string origin;                   // "display matrix", "rotate tag", "HTC track name"
};

// The display matrix the output track gets for `stream`, in this order:
//  1. the stream's own display matrix (MOV/MP4 tkhd), copied as is;
//  2. a numeric `rotate` tag, as Matroska files made by FFmpeg <= 4.4 and other
//     tools carry it: degrees clockwise (what an upright iPhone shot showed as
//     "rotate: 90"), so rotate=90 gives the matrix ffprobe 5.1 shows as -90;
//  3. an HTC phone's track name "htc_video_rotA-090" (000/090/180/270), the
//     only place those recorders put it; read as degrees clockwise like
//     ExoPlayer does.
// nullopt when the stream is not rotated. Pixels are never turned: players
// apply the matrix, and one source of rotation is the whole rule.
std::optional<DisplayRotation> display_rotation(const AVStream &stream);

// True for "htc_video_rotA-NNN": a rotation marker, not a title worth keeping.
bool is_htc_rotation_name(std::string_view title) noexcept;

} // namespace sb::mp4

#endif // SB_MP4_DISPLAY_ROTATION_HPP
