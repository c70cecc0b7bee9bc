#include "extract_job.hpp"

#include "audio_input.hpp"
#include "audio_transcoder.hpp"
#include "extraction_plan.hpp"
#include "stream_copier.hpp"
#include "stream_choice.hpp"

#include <sb/ffmpeg/ffmpeg_error.hpp>
#include <sb/ffmpeg/input_file.hpp>
#include <sb/ffmpeg/output_file.hpp>

#include <memory>
#include <string>

namespace sb::audio {

namespace {

using sb::ffmpeg::check;

// Container tags worth keeping (title, artist, date, ...); these describe the
// source container or its writer, not the content.
void copy_metadata(const AVFormatContext &input, const AVStream &source, AVFormatContext &output, AVStream &target) {
    check(av_dict_copy(&output.metadata, input.metadata, 0), "cannot copy metadata");
    for (const char *key : {"major_brand", "minor_version", "compatible_brands", "encoder"})
        av_dict_set(&output.metadata, key, nullptr, 0);
    for (const char *key : {"language", "title"})
        if (const AVDictionaryEntry *e = av_dict_get(source.metadata, key, nullptr, 0)) av_dict_set(&target.metadata, key, e->value, 0);
}

std::unique_ptr<AudioPath> make_path(const AVFormatContext &input, const ExtractionPlan &plan, AVFormatContext &output,
                                     const sb::sdk::Job &job) {
    const AVStream &source = *input.streams[plan.stream.index];
    if (plan.copy) return std::make_unique<StreamCopier>(source, input.start_time, output, job);
    return std::make_unique<AudioTranscoder>(source, plan, output, job);
}

void write_header(AVFormatContext &output, const ExtractionPlan &plan, const sb::sdk::Job &job) {
    sb::ffmpeg::Dictionary options;
    // An index at the front lets players start before the whole file is read.
    if (plan.format->format == Format::m4a) options.set("movflags", "+faststart");
    check(avformat_write_header(&output, options.out()), "cannot write the output header", job);
}

// The job's input; an indexed file missing part of its media data is refused
// (as input it would lose the rest silently; as an existing output checked by
// -s it does not play to the end).
sb::ffmpeg::InputContextPtr open_complete_input(const sb::sdk::Job &job) {
    sb::ffmpeg::InputContextPtr input = sb::ffmpeg::open_input(job.input_path(), job);
    if (std::string why = sb::ffmpeg::why_media_data_is_missing(*input); !why.empty()) throw sb::sdk::Error(why);
    return input;
}

} // namespace

void extract(const sb::sdk::Job &job, const Settings &settings) {
    sb::ffmpeg::InputContextPtr input = open_complete_input(job);
    const ExtractionPlan plan = plan_for(*input, settings, job.input_path());
    for (const auto &line : plan.decisions) job.info(line);
    for (const auto &line : plan.warnings) job.warn(line);

    // Demux only the chosen stream.
    for (unsigned i = 0; i < input->nb_streams; ++i)
        if (static_cast<int>(i) != plan.stream.index) input->streams[i]->discard = AVDISCARD_ALL;

    sb::ffmpeg::OutputContextPtr output = sb::ffmpeg::open_output(job.output_path(), plan.format->muxer, job);
    std::unique_ptr<AudioPath> path = make_path(*input, plan, *output, job);
    copy_metadata(*input, *input->streams[plan.stream.index], *output, *output->streams[0]);
    write_header(*output, plan, job);

    sb::ffmpeg::PacketPtr packet = sb::ffmpeg::make_packet();
    std::int64_t packets = 0;
    for (;;) {
        job.throw_if_cancelled();
        const int rc = av_read_frame(input.get(), packet.get());
        if (rc == AVERROR_EOF) break;
        check(rc, "cannot read the input", job);
        if (packet->stream_index != plan.stream.index) {
            av_packet_unref(packet.get());
            continue;
        }
        ++packets;
        path->write(*packet);
        av_packet_unref(packet.get());
        job.report_progress(path->position_seconds());
    }
    if (packets == 0) throw sb::sdk::Error("the audio stream holds no audio data");
    path->finish();
    sb::ffmpeg::finish_output(output, job);
    job.report_progress(path->position_seconds());
}

void describe_plan(const sb::sdk::Job &job, const Settings &settings) {
    sb::ffmpeg::InputContextPtr input = open_complete_input(job);
    const ExtractionPlan plan = plan_for(*input, settings, job.input_path());
    for (const auto &line : plan.decisions) job.info(line);
    for (const auto &line : plan.warnings) job.warn(line);
}

double probe_duration(const sb::sdk::Job &job) {
    sb::ffmpeg::InputContextPtr input = open_complete_input(job);
    choose_audio_stream(*input, std::nullopt); // throws for a file without audio
    return sb::ffmpeg::duration_seconds(*input);
}

} // namespace sb::audio
