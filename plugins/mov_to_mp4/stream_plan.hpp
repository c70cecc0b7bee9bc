// What happens to each input stream: copied, re-encoded, converted or dropped.
#ifndef SB_MP4_STREAM_PLAN_HPP
#define SB_MP4_STREAM_PLAN_HPP

#include "encoder_selection.hpp"
#include "input_media.hpp"
#include "mp4_options.hpp"

#include <string>
#include <vector>

namespace sb::mp4 {

enum class StreamAction {
    copy,         // packets as they are (video, audio, mov_text, cover art)
    encode_video, // VideoTranscoder
    encode_audio, // AudioTranscoder
    to_mov_text,  // SubtitleTranscoder
    timecode,     // a tmcd track: not mapped, the muxer writes a new one from the timecode tag
    chapters,     // a QuickTime chapter text track: not mapped, its chapters are copied
    drop,         // MP4 cannot hold it; named in the one warning line
};

// True for the actions that give the stream an output track.
constexpr bool is_mapped(StreamAction action) noexcept {
    return action != StreamAction::drop && action != StreamAction::timecode && action != StreamAction::chapters;
}

struct StreamDecision {
    int index = 0;
    StreamAction action = StreamAction::drop;
    std::string why; // auto mode: why a stream is re-encoded ("pcm_s16le audio does not play ...")
};

struct StreamPlan {
    std::vector<StreamDecision> streams; // one per input stream, in input order
    std::string ignored_flags;           // --mode copy: "-q, --audio" (they change nothing), or ""

    bool encodes_video() const noexcept;
    // Video (not cover art) or audio ends up in the output.
    bool has_audio_or_video(const InputMedia &input) const noexcept;
};

// Decides per stream (see the README's "Modes"): --mode copy copies every kept
// stream; transcode re-encodes video and audio; auto copies what is on the
// mp4_compatibility list unless a quality flag for that kind of stream was
// given. Text subtitles become mov_text and cover art is copied in every mode;
// bitmap subtitles, data and attachments are dropped, except a QuickTime
// chapter track, which the demuxer already turned into chapters. Throws sb::sdk::Error
// naming the stream and codec when a copy was demanded (--mode copy, --audio
// copy) that MP4 cannot hold.
StreamPlan plan_streams(const InputMedia &input, const Mp4Settings &settings);

// The per-stream decisions in one line, e.g.
// "video h264 → copy, audio pcm_s16le → aac 192k, subtitle subrip → mov_text".
// `video` is the encoder chosen for re-encoded video (nullptr: none).
std::string describe_decisions(const InputMedia &input, const StreamPlan &plan, const Mp4Settings &settings,
                               const VideoEncoderChoice *video);

// "-q ignored: -b sets a target bitrate instead of a quality" when both were
// given and video is re-encoded, or "".
std::string overridden_quality_line(const StreamPlan &plan, const Mp4Settings &settings);

// "dropped 2 streams MP4 cannot hold: #2 data (tmcd), #3 subtitle hdmv_pgs_subtitle", or "".
std::string dropped_streams_line(const InputMedia &input, const StreamPlan &plan);

} // namespace sb::mp4

#endif // SB_MP4_STREAM_PLAN_HPP
