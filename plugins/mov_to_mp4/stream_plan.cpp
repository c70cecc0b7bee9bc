#include "stream_plan.hpp"

#include "decoder.hpp"
#include "mp4_compatibility.hpp"

#include <algorithm>
#include <map>

namespace sb::mp4 {
namespace {

std::string joined(const std::vector<std::string> &items) {
    std::string text;
    for (const auto &item : items) text += (text.empty() ? "" : ", ") + item;
    return text;
}

// "audio stream #1 pcm_s16le cannot be copied into MP4 (use --audio aac)";
// a reason beyond the codec itself is added after a colon.
[[noreturn]] void refuse_copy(const AVStream &st, const std::string &reason, const char *hint) {
    std::string message = stream_label(st, st.index) + " " + describe_codec(st) + " cannot be copied into MP4";
    if (reason.rfind("MP4 cannot hold ", 0) != 0) message += ": " + reason;
    throw sb::sdk::Error(message + " (" + hint + ")");
}

void require_holdable(const AVStream &st, const AVFormatContext &input, const char *hint) {
    if (const std::string reason = why_mp4_cannot_hold(st, input); !reason.empty()) refuse_copy(st, reason, hint);
}

bool is_timecode_track(const AVStream &st) {
    return st.codecpar->codec_type == AVMEDIA_TYPE_DATA &&
           (st.codecpar->codec_tag == MKTAG('t', 'm', 'c', 'd') ||
            av_dict_get(st.metadata, "timecode", nullptr, 0) != nullptr);
}

// The demuxer reads a QuickTime chapter text track into the chapter list and
// discards its packets; nothing of it is lost when it is not mapped.
bool is_chapter_track(const AVStream &st, const AVFormatContext &input) {
    return st.codecpar->codec_type == AVMEDIA_TYPE_DATA && st.discard == AVDISCARD_ALL && input.nb_chapters > 0;
}

StreamDecision decide_video(const AVStream &st, const AVFormatContext &input, const Mp4Settings &s) {
    StreamDecision d{st.index, StreamAction::encode_video, {}};
    switch (s.mode) {
    case Mode::copy:
        require_holdable(st, input, "use --mode auto to re-encode it");
        d.action = StreamAction::copy;
        break;
    case Mode::transcode:
        break;
    case Mode::auto_select:
        if (!s.video_flags_set.empty()) {
            d.why = joined(s.video_flags_set) + " given";
        } else if (d.why = why_not_playable_as_is(st, input); d.why.empty()) {
            d.action = StreamAction::copy;
        }
        break;
    }
    return d;
}

StreamDecision decide_audio(const AVStream &st, const AVFormatContext &input, const Mp4Settings &s) {
    StreamDecision d{st.index, StreamAction::encode_audio, {}};
    if (s.mode == Mode::copy || s.audio == AudioMode::copy) {
        require_holdable(st, input, s.mode == Mode::copy ? "use --mode auto to re-encode it" : "use --audio aac");
        d.action = StreamAction::copy;
    } else if (s.mode == Mode::auto_select) {
        if (!s.audio_flags_set.empty()) {
            d.why = joined(s.audio_flags_set) + " given";
        } else if (d.why = why_not_playable_as_is(st, input); d.why.empty()) {
            d.action = StreamAction::copy;
        }
    }
    return d;
}

StreamDecision decide_subtitle(const AVStream &st) {
    if (st.codecpar->codec_id == AV_CODEC_ID_MOV_TEXT) return {st.index, StreamAction::copy, {}};
    if (is_text_subtitle(*st.codecpar)) return {st.index, StreamAction::to_mov_text, {}};
    return {st.index, StreamAction::drop, "bitmap or unknown subtitles"};
}

const char *kind_of(const AVStream &st) {
    if (is_attached_picture(st)) return "cover art";
    return media_type_name(st.codecpar->codec_type);
}

std::string rate_text(std::int64_t bits_per_second) {
    return bits_per_second % 1000 == 0 ? std::to_string(bits_per_second / 1000) + "k"
                                       : std::to_string(bits_per_second);
}

} // namespace

bool StreamPlan::encodes_video() const noexcept {
    for (const auto &d : streams)
        if (d.action == StreamAction::encode_video) return true;
    return false;
}

bool StreamPlan::has_audio_or_video(const InputMedia &input) const noexcept {
    for (const auto &d : streams) {
        const AVStream &st = *input.stream(d.index);
        const AVMediaType type = st.codecpar->codec_type;
        if (is_mapped(d.action) && !is_attached_picture(st) && (type == AVMEDIA_TYPE_VIDEO || type == AVMEDIA_TYPE_AUDIO))
            return true;
    }
    return false;
}

StreamPlan plan_streams(const InputMedia &input, const Mp4Settings &settings) {
    StreamPlan plan;
    const AVFormatContext &ctx = *input.context();
    bool keeps_video = false;
    for (int i = 0; i < input.stream_count(); ++i) {
        const AVStream &st = *input.stream(i);
        switch (st.codecpar->codec_type) {
        case AVMEDIA_TYPE_VIDEO:
            if (is_attached_picture(st)) {
                plan.streams.push_back(is_keepable_cover_art(st) ? StreamDecision{i, StreamAction::copy, {}}
                                                                 : StreamDecision{i, StreamAction::drop, {}});
            } else {
                plan.streams.push_back(decide_video(st, ctx, settings));
                keeps_video = true;
            }
            break;
        case AVMEDIA_TYPE_AUDIO:
            plan.streams.push_back(decide_audio(st, ctx, settings));
            break;
        case AVMEDIA_TYPE_SUBTITLE:
            plan.streams.push_back(decide_subtitle(st));
            break;
        default:
            plan.streams.push_back(
                StreamDecision{i, is_chapter_track(st, ctx) ? StreamAction::chapters : StreamAction::drop, {}});
            break;
        }
    }
    // The muxer re-creates a timecode track from a video track's timecode tag,
    // so a tmcd track survives as long as there is video and tags are kept.
    for (auto &d : plan.streams)
        if (d.action == StreamAction::drop && keeps_video && !settings.strip_metadata &&
            is_timecode_track(*input.stream(d.index)))
            d.action = StreamAction::timecode;
    if (settings.mode == Mode::copy) {
        std::vector<std::string> ignored = settings.video_flags_set;
        for (const auto &flag : settings.audio_flags_set)
            if (!(flag == "--audio" && settings.audio == AudioMode::copy)) ignored.push_back(flag);
        plan.ignored_flags = joined(ignored);
    }
    return plan;
}

std::string describe_decisions(const InputMedia &input, const StreamPlan &plan, const Mp4Settings &settings,
                               const VideoEncoderChoice *video) {
    std::map<std::string, int> per_kind;
    for (const auto &d : plan.streams)
        if (is_mapped(d.action))
            ++per_kind[kind_of(*input.stream(d.index))];
    std::vector<std::string> items;
    bool timecode = false;
    for (const auto &d : plan.streams) {
        const AVStream &st = *input.stream(d.index);
        if (d.action == StreamAction::timecode) timecode = true;
        if (!is_mapped(d.action)) continue;
        std::string item = kind_of(st);
        if (per_kind[item] > 1) item += " #" + std::to_string(d.index);
        item += " " + describe_codec(st);
        switch (d.action) {
        case StreamAction::copy:
            item += " → copy";
            break;
        case StreamAction::encode_video: {
            item += " " + pixel_format_name(st.codecpar->format) + " → ";
            item += video == nullptr || video->family == HwAccel::none ? to_string(settings.codec) : video->name;
            if (video != nullptr) item += " " + pixel_format_name(video->sw_format);
            item += settings.video_bitrate ? " " + rate_text(*settings.video_bitrate)
                                           : " crf " + std::to_string(settings.crf);
            // x264 and x265 take the preset by name; vp9 and the hardware
            // encoders map it to their own speed settings (shown at -vv).
            const bool software = video == nullptr || video->family == HwAccel::none;
            if (software && settings.codec != VideoCodec::vp9) item += " " + settings.preset;
            break;
        }
        case StreamAction::encode_audio:
            item += std::string(" → ") + to_string(settings.audio) + " " + rate_text(settings.audio_bitrate);
            break;
        case StreamAction::to_mov_text:
            item += " → mov_text";
            break;
        case StreamAction::timecode:
        case StreamAction::chapters:
        case StreamAction::drop:
            break;
        }
        items.push_back(item);
    }
    if (timecode) items.push_back("timecode → tmcd");
    return joined(items);
}

std::string overridden_quality_line(const StreamPlan &plan, const Mp4Settings &settings) {
    const auto &typed = settings.video_flags_set;
    const bool quality_typed = std::find(typed.begin(), typed.end(), "-q") != typed.end();
    if (!plan.encodes_video() || !settings.video_bitrate || !quality_typed) return {};
    return "-q ignored: -b sets a target bitrate instead of a quality";
}

std::string dropped_streams_line(const InputMedia &input, const StreamPlan &plan) {
    std::vector<std::string> list;
    for (const auto &d : plan.streams) {
        if (d.action != StreamAction::drop) continue;
        const AVStream &st = *input.stream(d.index);
        list.push_back("#" + std::to_string(d.index) + " " + kind_of(st) + " " + describe_codec(st));
    }
    if (list.empty()) return {};
    const std::size_t n = list.size();
    return "dropped " + std::to_string(n) + (n == 1 ? " stream" : " streams") + " MP4 cannot hold: " + joined(list);
}

} // namespace sb::mp4
