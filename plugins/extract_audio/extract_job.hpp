// The three things `sb audio` does with one input: convert, dry-run, probe.
#ifndef SB_AUDIO_EXTRACT_JOB_HPP
#define SB_AUDIO_EXTRACT_JOB_HPP

#include "audio_options.hpp"

#include <sb/converter.hpp>

namespace sb::audio {

// Writes the chosen audio stream of job.input_path() to job.output_path().
// Throws sb::sdk::Error (one-line reason) or sb::sdk::Cancelled.
void extract(const sb::sdk::Job &job, const Settings &settings);

// Logs (info) what extract() would do; throws the reason it would refuse.
void describe_plan(const sb::sdk::Job &job, const Settings &settings);

// Duration in seconds (-1 unknown); throws for a file without audio. Applies no
// --stream or --format rule: with -s the host probes existing outputs too.
double probe_duration(const sb::sdk::Job &job);

} // namespace sb::audio

#endif // SB_AUDIO_EXTRACT_JOB_HPP
