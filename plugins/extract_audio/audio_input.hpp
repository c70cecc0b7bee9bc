// Opening the input of an `sb audio` job, with a clear reason for files that
// are not media at all.
#ifndef SB_AUDIO_AUDIO_INPUT_HPP
#define SB_AUDIO_AUDIO_INPUT_HPP

#include "audio_options.hpp"
#include "extraction_plan.hpp"

#include <sb/converter.hpp>
#include <sb/ffmpeg/ffmpeg_ptr.hpp>

#include <string>

namespace sb::audio {

// sb::ffmpeg::open_input, except that a file whose content matches no format
// FFmpeg knows fails with "not a media file FFmpeg can read: ...". FFmpeg falls
// back to the demuxer the file name's extension suggests, so a text file named
// notes.mp3 otherwise fails with "cannot open: Invalid argument" and one named
// notes.aac with "cannot open: End of file".
sb::ffmpeg::InputContextPtr open_audio_input(const sb::sdk::Job &job);

// plan_extraction, with the same rewording: a text file named notes.flac opens
// (as FLAC, by its extension) and then has "no sample rate".
ExtractionPlan plan_for(const AVFormatContext &input, const Settings &settings, const std::string &path);

// True when some demuxer recognises the first bytes of `path` by their content
// alone (not by the file name). Read on the failure path only.
bool content_is_media(const std::string &path);

} // namespace sb::audio

#endif // SB_AUDIO_AUDIO_INPUT_HPP
