#include "transcode_pipeline.hpp"

#include "audio_transcoder.hpp"
#include "decoder.hpp"
#include "encoder_selection.hpp"
#include "ffmpeg_error.hpp"
#include "input_media.hpp"
#include "output_media.hpp"
#include "packet_copier.hpp"
#include "video_transcoder.hpp"

extern "C" {
#include <libavutil/pixdesc.h>
}

#include <memory>
#include <string>
#include <vector>

namespace sb::mp4 {
namespace {

enum class Route { video, audio_encode, audio_copy, dropped };

struct StreamRoute {
    int index = 0;
    Route route = Route::dropped;
};

std::vector<StreamRoute> route_streams(const InputMedia &input, const Mp4Settings &settings) {
    std::vector<StreamRoute> routes;
    for (int i = 0; i < input.stream_count(); ++i) {
        const AVStream &st = *input.stream(i);
        StreamRoute r{i, Route::dropped};
        if (st.codecpar->codec_type == AVMEDIA_TYPE_VIDEO && !is_attached_picture(st)) r.route = Route::video;
        else if (st.codecpar->codec_type == AVMEDIA_TYPE_AUDIO)
            r.route = settings.audio == AudioMode::copy ? Route::audio_copy : Route::audio_encode;
        routes.push_back(r);
    }
    return routes;
}

void refuse_protected(const InputMedia &input) {
    if (is_drm_protected(*input.context()))
        throw sb::sdk::Error("DRM-protected (encrypted) file: its audio and video cannot be decoded");
}

bool any_mapped(const std::vector<StreamRoute> &routes) {
    for (const auto &r : routes)
        if (r.route != Route::dropped) return true;
    return false;
}

// "dropped 2 streams MP4 cannot hold: #2 data (tmcd), #3 subtitle hdmv_pgs_subtitle"
std::string dropped_streams_line(const InputMedia &input, const std::vector<StreamRoute> &routes) {
    std::string list;
    int count = 0;
    for (const auto &r : routes) {
        if (r.route != Route::dropped) continue;
        const AVStream &st = *input.stream(r.index);
        if (!list.empty()) list += ", ";
        list += "#" + std::to_string(r.index) + " ";
        if (is_attached_picture(st)) list += "cover art " + describe_codec(st);
        else list += std::string(media_type_name(st.codecpar->codec_type)) + " " + describe_codec(st);
        ++count;
    }
    if (count == 0) return {};
    return "dropped " + std::to_string(count) + (count == 1 ? " stream" : " streams") + " MP4 cannot hold: " + list;
}

class Pipeline {
public:
    Pipeline(const sb::sdk::Job &job, const Mp4Settings &settings) : job_(job), settings_(settings) {}

    void run() {
        InputMedia input(job_.input_path(), job_);
        refuse_protected(input);
        const std::vector<StreamRoute> routes = route_streams(input, settings_);
        if (!any_mapped(routes)) throw sb::sdk::Error("no video or audio stream");
        bool has_video = false;
        for (const auto &r : routes) has_video = has_video || r.route == Route::video;
        const VideoEncoderChoice choice = has_video ? choose_video_encoder(settings_) : VideoEncoderChoice{};

        // Refuse before the output file exists.
        const AVOutputFormat *mp4 = av_guess_format("mp4", nullptr, nullptr);
        for (const auto &r : routes)
            if (r.route == Route::audio_copy && mp4 != nullptr) require_copyable(*input.stream(r.index), *mp4);

        OutputMedia output(job_.output_path(), job_);
        output.copy_metadata(input.context()->metadata);

        std::vector<std::unique_ptr<StreamHandler>> handlers(static_cast<std::size_t>(input.stream_count()));
        for (const auto &r : routes) {
            AVStream &st = *input.stream(r.index);
            if (r.route == Route::dropped) continue;
            const int slot = output.add_slot(st);
            switch (r.route) {
            case Route::video:
                handlers[r.index] = std::make_unique<VideoTranscoder>(
                    st, av_guess_frame_rate(input.context(), &st, nullptr), output, slot, settings_, choice, job_);
                break;
            case Route::audio_encode:
                handlers[r.index] = std::make_unique<AudioTranscoder>(st, output, slot, settings_, job_);
                break;
            case Route::audio_copy:
                handlers[r.index] = std::make_unique<PacketCopier>(st, output, slot);
                break;
            case Route::dropped:
                break;
            }
        }
        output.all_slots_added();
        if (const std::string line = dropped_streams_line(input, routes); !line.empty()) job_.warn(line);

        read_all(input, output, handlers);
        for (auto &h : handlers)
            if (h) h->finish();
        resolve_pending(output, handlers);
        output.finish();

        std::int64_t undecodable = 0;
        for (const auto &h : handlers)
            if (h) undecodable += h->undecodable_packets();
        if (undecodable > 0)
            job_.warn("skipped " + std::to_string(undecodable) + (undecodable == 1 ? " undecodable packet" : " undecodable packets"));
        if (output.timestamp_fixes() > 0)
            job_.debug("moved " + std::to_string(output.timestamp_fixes()) + " non-increasing timestamps forward");
    }

private:
    void read_all(InputMedia &input, OutputMedia &output, std::vector<std::unique_ptr<StreamHandler>> &handlers) {
        const std::int64_t start = input.start_time();
        PacketPtr packet = make_packet();
        for (;;) {
            job_.throw_if_cancelled();
            const int rc = av_read_frame(input.context(), packet.get());
            if (rc == AVERROR_EOF) break;
            if (rc == AVERROR(EAGAIN)) continue;
            if (rc < 0) {
                throw_if_interrupted(rc == AVERROR_EXIT ? rc : 0, job_);
                // A damaged or cut-off tail: keep what was read, like ffmpeg does.
                job_.warn("stopped reading at a damaged part of the file: " + av_error_text(rc));
                break;
            }
            StreamHandler *handler = packet->stream_index < static_cast<int>(handlers.size())
                                         ? handlers[static_cast<std::size_t>(packet->stream_index)].get()
                                         : nullptr;
            if (handler != nullptr) {
                const AVRational tb = input.stream(packet->stream_index)->time_base;
                const std::int64_t shift = av_rescale_q(start, AV_TIME_BASE_Q, tb);
                if (packet->pts != AV_NOPTS_VALUE) packet->pts -= shift;
                if (packet->dts != AV_NOPTS_VALUE) packet->dts -= shift;
                handler->handle_packet(*packet);
                if (output.queue_over_limit()) resolve_pending(output, handlers);
            }
            av_packet_unref(packet.get());
        }
    }

    // Streams that produced no frame at all (yet): an alternate copy of a stream
    // that works is dropped with a warning; the only picture or only sound
    // failing to decode fails the file.
    void resolve_pending(OutputMedia &output, const std::vector<std::unique_ptr<StreamHandler>> &handlers) {
        const std::vector<int> pending = output.pending_slots();
        if (pending.empty()) return;
        int video_slots = 0;
        std::vector<int> open_video_areas, open_audio;
        for (int slot : all_slots(output)) {
            const AVStream &st = output.slot_source(slot);
            if (st.codecpar->codec_type == AVMEDIA_TYPE_VIDEO) {
                ++video_slots;
                if (output.is_open(slot)) open_video_areas.push_back(st.codecpar->width * st.codecpar->height);
            } else if (output.is_open(slot)) {
                open_audio.push_back(slot);
            }
        }
        for (int slot : pending) {
            const AVStream &st = output.slot_source(slot);
            const std::string label = stream_label(st, st.index);
            const StreamHandler *handler = handlers[static_cast<std::size_t>(st.index)].get();
            if (st.codecpar->codec_type == AVMEDIA_TYPE_VIDEO) {
                const int area = st.codecpar->width * st.codecpar->height;
                bool covered = false;
                for (int a : open_video_areas) covered = covered || a >= area;
                if (!covered) {
                    const std::string reason = "no decodable video frames (file damaged or not self-contained?)";
                    throw sb::sdk::Error(video_slots > 1 ? label + ": " + reason : reason);
                }
                job_.warn("dropped " + label + ": no decodable frames (another video stream has the picture)");
            } else {
                const bool empty = handler != nullptr && handler->packets_seen() == 0;
                if (open_audio.empty() && !(empty && !open_video_areas.empty()))
                    throw sb::sdk::Error(label + ": no decodable audio frames (file damaged?)");
                job_.warn("dropped " + label + (empty ? ": it holds no audio data" : ": no decodable frames"));
            }
            output.drop_slot(slot);
        }
    }

    static std::vector<int> all_slots(const OutputMedia &output) {
        std::vector<int> slots;
        for (int slot = 0; slot < output.slot_count(); ++slot) slots.push_back(slot);
        return slots;
    }

    const sb::sdk::Job &job_;
    Mp4Settings settings_;
};

} // namespace

void convert_file(const sb::sdk::Job &job, const Mp4Settings &settings) { Pipeline(job, settings).run(); }

double probe_duration(const sb::sdk::Job &job) {
    const InputMedia input(job.input_path(), job);
    return input.duration_seconds();
}

void describe_plan(const sb::sdk::Job &job, const Mp4Settings &settings) {
    const InputMedia input(job.input_path(), job);
    refuse_protected(input);
    const std::vector<StreamRoute> routes = route_streams(input, settings);
    if (!any_mapped(routes)) throw sb::sdk::Error("no video or audio stream");
    const AVOutputFormat *mp4 = av_guess_format("mp4", nullptr, nullptr);
    for (const auto &r : routes) {
        const AVStream &st = *input.stream(r.index);
        const AVCodecParameters &par = *st.codecpar;
        const std::string from = "#" + std::to_string(r.index) + " " + describe_codec(st);
        switch (r.route) {
        case Route::video: {
            const VideoEncoderChoice choice = choose_video_encoder(settings);
            job.info("video " + from + " " + std::to_string(par.width) + "x" + std::to_string(par.height) + " -> " +
                     choice.name + " " + av_get_pix_fmt_name(choice.sw_format) + ", " +
                     (settings.video_bitrate ? std::to_string(*settings.video_bitrate / 1000) + " kb/s"
                                             : "crf " + std::to_string(settings.crf)) +
                     ", preset " + settings.preset);
            break;
        }
        case Route::audio_encode:
            job.info("audio " + from + " " + std::to_string(par.sample_rate) + " Hz -> " +
                     audio_encoder_name(settings.audio) + " " + std::to_string(settings.audio_bitrate / 1000) + " kb/s");
            break;
        case Route::audio_copy:
            if (mp4 != nullptr) require_copyable(st, *mp4);
            job.info("audio " + from + " -> copy");
            break;
        case Route::dropped:
            break;
        }
    }
    if (const std::string line = dropped_streams_line(input, routes); !line.empty()) job.info(line);
}

} // namespace sb::mp4
