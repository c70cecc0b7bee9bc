// Describes a media file with libavformat/libavcodec (not ffprobe), for asserts.
#ifndef SB_TEST_MEDIA_PROBE_HPP
#define SB_TEST_MEDIA_PROBE_HPP

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace sb::test {

struct StreamInfo {
    std::string type;       // video|audio|subtitle|data|attachment
    std::string codec_name; // "h264", "aac"
    std::string codec_tag;  // fourcc as stored: "avc1", "hvc1"; "" when none
    int width = 0, height = 0;
    std::string pix_fmt, profile; // "yuv420p", "High"
    int sample_rate = 0, channels = 0;
    double duration = -1;     // seconds, from the container; -1 unknown
    std::int64_t frames = -1; // counted by demuxing packets
    double rotation = 0;      // display matrix angle in degrees as ffprobe's 'rotation' shows it
                              // (av_display_rotation_get: counter-clockwise, -180..180]; 0 = none
    std::map<std::string, std::string> tags;
    int disposition = 0; // AV_DISPOSITION_* bits
    double start_time = 0;    // seconds: first presentation time (edit lists applied), 0 if unknown
    int sar_num = 0, sar_den = 1; // sample aspect ratio (0 = unknown)
    std::uint64_t packet_hash = 0; // FNV-1a over every packet's payload, in order: equal = copied as is
    bool dts_increasing = true;    // every packet's dts above the previous one
    std::int64_t cues = -1;        // subtitles: decoded cues with text (empty gap samples not counted)
    double display_aspect() const; // width/height corrected by the SAR
};

struct ChapterInfo {
    double start = 0, end = 0; // seconds
    std::string title;
};

struct MediaInfo {
    bool ok = false;
    std::string error;       // why probing failed when !ok
    std::string format_name; // "mov,mp4,m4a,3gp,3g2,mj2"
    double duration = -1;    // seconds; -1 unknown
    std::vector<StreamInfo> streams;
    std::map<std::string, std::string> tags;

    int count(const std::string &type) const;
    const StreamInfo *first(const std::string &type) const; // nullptr when none
    bool moov_before_mdat = false; // MP4/QuickTime: top-level moov box precedes mdat
    std::vector<ChapterInfo> chapters;
};

MediaInfo probe_media(const std::filesystem::path &file);

} // namespace sb::test

#endif // SB_TEST_MEDIA_PROBE_HPP
