#include "transcode_pipeline.hpp"

#include "audio_transcoder.hpp"
#include "decoder.hpp"
#include "encoder_selection.hpp"
#include "ffmpeg.hpp"
#include "hardware_probe.hpp"
#include "input_media.hpp"
#include "moov_estimate.hpp"
#include "output_media.hpp"
#include "stream_copier.hpp"
#include "stream_plan.hpp"
#include "subtitle_transcoder.hpp"
#include "video_transcoder.hpp"

#include <memory>
#include <string>
#include <vector>

namespace sb::mp4 {
namespace {

// Inputs FFmpeg opens but that cannot become a faithful MP4.
void refuse_unconvertible(const InputMedia &input) {
    const AVFormatContext &ctx = *input.context();
    if (is_drm_protected(ctx))
        throw sb::sdk::Error("DRM-protected (encrypted) file: its audio and video cannot be decoded");
    if (std::string why = why_not_a_video_file(ctx); !why.empty()) throw sb::sdk::Error(why);
    if (std::string why = why_media_data_is_missing(ctx); !why.empty()) throw sb::sdk::Error(why);
}

// The plan, refused before any output exists when there is nothing to write.
StreamPlan checked_plan(const InputMedia &input, const Mp4Settings &settings) {
    refuse_unconvertible(input);
    StreamPlan plan = plan_streams(input, settings);
    if (!plan.has_audio_or_video(input)) throw sb::sdk::Error("no video or audio stream");
    return plan;
}

const AVStream *first_encoded_video(const InputMedia &input, const StreamPlan &plan) {
    for (const auto &d : plan.streams)
        if (d.action == StreamAction::encode_video) return input.stream(d.index);
    return nullptr;
}

class Pipeline {
public:
    Pipeline(const sb::sdk::Job &job, const Mp4Settings &settings) : job_(job), settings_(settings) {}

    void run() {
        InputMedia input(job_.input_path(), job_);
        const StreamPlan plan = checked_plan(input, settings_);
        VideoEncoderChoice choice;
        std::string hardware_warning;
        if (const AVStream *video = first_encoded_video(input, plan)) {
            if (settings_.hw == HwAccel::auto_select) {
                HardwareResolution resolved =
                    resolve_hw_auto(settings_, video->codecpar->width, video->codecpar->height, job_);
                choice = resolved.choice;
                hardware_warning = resolved.fallback_warning;
            } else {
                choice = choose_video_encoder(settings_);
            }
        }
        job_.info(describe_decisions(input, plan, settings_, plan.encodes_video() ? &choice : nullptr));
        if (!plan.ignored_flags.empty())
            job_.warn("--mode copy: " + plan.ignored_flags + " ignored (nothing is re-encoded)");
        if (const std::string line = overridden_quality_line(plan, settings_); !line.empty()) job_.warn(line);
        if (!hardware_warning.empty()) job_.warn(hardware_warning);

        const TagPolicy tags = settings_.strip_metadata   ? TagPolicy::drop_all
                               : settings_.strip_location ? TagPolicy::drop_location
                                                          : TagPolicy::keep;
        OutputMedia output(job_.output_path(), job_, tags);
        output.copy_container(*input.context());
        if (const auto bound = moov_size_bound(input, plan)) output.reserve_moov(*bound);

        std::vector<std::unique_ptr<StreamHandler>> handlers(static_cast<std::size_t>(input.stream_count()));
        for (const auto &d : plan.streams) {
            if (!is_mapped(d.action)) continue;
            AVStream &st = *input.stream(d.index);
            const int slot = output.add_slot(st);
            auto &handler = handlers[static_cast<std::size_t>(d.index)];
            switch (d.action) {
            case StreamAction::copy:
                handler = std::make_unique<StreamCopier>(st, output, slot);
                break;
            case StreamAction::encode_video:
                handler = std::make_unique<VideoTranscoder>(st, av_guess_frame_rate(input.context(), &st, nullptr),
                                                            output, slot, settings_, choice, job_);
                break;
            case StreamAction::encode_audio:
                handler = std::make_unique<AudioTranscoder>(st, output, slot, settings_, job_);
                break;
            case StreamAction::to_mov_text:
                handler = std::make_unique<SubtitleTranscoder>(st, output, slot, job_);
                break;
            case StreamAction::timecode:
            case StreamAction::chapters:
            case StreamAction::drop:
                break;
            }
        }
        output.all_slots_added();
        if (const std::string line = dropped_streams_line(input, plan); !line.empty()) job_.warn(line);

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
        for (int slot = 0; slot < output.slot_count(); ++slot) {
            const AVStream &st = output.slot_source(slot);
            if (is_attached_picture(st)) continue;
            if (st.codecpar->codec_type == AVMEDIA_TYPE_VIDEO) {
                ++video_slots;
                if (output.is_open(slot)) open_video_areas.push_back(st.codecpar->width * st.codecpar->height);
            } else if (st.codecpar->codec_type == AVMEDIA_TYPE_AUDIO && output.is_open(slot)) {
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

    const sb::sdk::Job &job_;
    Mp4Settings settings_;
};

} // namespace

void convert_file(const sb::sdk::Job &job, const Mp4Settings &settings) { Pipeline(job, settings).run(); }

double probe_duration(const sb::sdk::Job &job) {
    const InputMedia input(job.input_path(), job);
    // The same refusals as convert, before the batch starts: and with -s, an
    // existing output cut short does not count as done.
    refuse_unconvertible(input);
    return input.duration_seconds();
}

void describe_plan(const sb::sdk::Job &job, const Mp4Settings &settings) {
    const InputMedia input(job.input_path(), job);
    const StreamPlan plan = checked_plan(input, settings);
    // --hw auto is only resolved when converting: opening GPUs for a dry run of
    // a whole folder would be slow and say nothing about the conversion itself.
    VideoEncoderChoice choice;
    if (plan.encodes_video()) choice = choose_video_encoder(settings);
    job.info(describe_decisions(input, plan, settings, plan.encodes_video() ? &choice : nullptr));
    if (plan.encodes_video() && settings.hw == HwAccel::auto_select)
        job.info("--hw auto: a hardware encoder is tried first, " + choice.name + " if none opens");
    if (!plan.ignored_flags.empty())
        job.info("warning: --mode copy: " + plan.ignored_flags + " ignored (nothing is re-encoded)");
    if (const std::string line = overridden_quality_line(plan, settings); !line.empty()) job.info("warning: " + line);
    if (const std::string line = dropped_streams_line(input, plan); !line.empty()) job.info(line);
}

} // namespace sb::mp4
