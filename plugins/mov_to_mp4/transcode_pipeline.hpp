// The packet loop of one conversion, and the probe/plan views of the same input.
#ifndef SB_MP4_TRANSCODE_PIPELINE_HPP
#define SB_MP4_TRANSCODE_PIPELINE_HPP

#include "mp4_options.hpp"

#include <sb/converter.hpp>

namespace sb::mp4 {

// Converts job.input_path() into job.output_path() (an MP4). Every video stream
// (cover art excepted) and every audio stream is mapped, in input order;
// subtitles, data and attachments are dropped with one warning. Throws
// sb::sdk::Error with a one-line reason, sb::sdk::Cancelled on cancellation.
// Runs on the calling thread; keeps no state outside the call.
void convert_file(const sb::sdk::Job &job, const Mp4Settings &settings);

// Input duration in seconds, or -1 when the container does not say.
double probe_duration(const sb::sdk::Job &job);

// Logs (info) what convert_file would do with the input; throws what it would
// throw before starting to encode.
void describe_plan(const sb::sdk::Job &job, const Mp4Settings &settings);

} // namespace sb::mp4

#endif // SB_MP4_TRANSCODE_PIPELINE_HPP
