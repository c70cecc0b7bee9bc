// The extraction plan of an `sb audio` job, with a clear reason for files that
// are not media at all.
#ifndef SB_AUDIO_AUDIO_INPUT_HPP
#define SB_AUDIO_AUDIO_INPUT_HPP

#include "audio_options.hpp"
#include "extraction_plan.hpp"

#include <sb/converter.hpp>
#include <sb/ffmpeg/ffmpeg_ptr.hpp>

#include <string>

namespace sb::audio {

// plan_extraction, with the same rewording: a text file named notes.flac opens
// (as FLAC, by its extension) and then has "no sample rate".
ExtractionPlan plan_for(const AVFormatContext &input, const Settings &settings, const std::string &path);

} // namespace sb::audio

#endif // SB_AUDIO_AUDIO_INPUT_HPP
