// What the fake Threads finds wrong with a video it fetched, as the container's
// error_message: Threads' documented codes (troubleshooting) for its documented video
// specification (an MP4 or MOV, longer than 0 s and at most 300 s, 23 to 60 frames a
// second, an aspect ratio between 0.01:1 and 10:1), read from the file with mp4box.
import { createFile, MP4BoxBuffer, type Movie } from 'mp4box';

export type VideoError =
  'FAILED_PROCESSING_VIDEO' | 'INVALID_DURATION' | 'INVALID_FRAME_RATE' | 'INVALID_ASPEC_RATIO';

function movieOf(bytes: ArrayBuffer): Movie | null {
  let movie: Movie | null = null;
  const file = createFile();
  file.onReady = (info) => {
    movie = info;
  };
  file.onError = () => {
    movie = null;
  };
  try {
    file.appendBuffer(MP4BoxBuffer.fromArrayBuffer(bytes, 0));
    file.flush();
  } catch {
    return null;
  }
  return movie;
}

/** The error Threads would report for `bytes`, or null for a video it takes. */
export function videoError(bytes: ArrayBuffer): VideoError | null {
  const movie = movieOf(bytes);
  const track = movie?.videoTracks[0];
  if (movie === null || track === undefined || movie.timescale <= 0) {
    return 'FAILED_PROCESSING_VIDEO';
  }
  const seconds = movie.duration / movie.timescale;
  if (!(seconds > 0) || seconds > 300) return 'INVALID_DURATION';
  const fps = track.nb_samples / seconds;
  if (fps < 23 || fps > 60) return 'INVALID_FRAME_RATE';
  const ratio = track.track_width / track.track_height;
  if (!(ratio >= 0.01 && ratio <= 10)) return 'INVALID_ASPEC_RATIO';
  return null;
}
