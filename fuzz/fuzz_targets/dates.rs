#![no_main]
//! Date finding on arbitrary text: every date found is a real calendar date inside the text.
use dossier::extract::dates::find_dates;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    for d in find_dates(data, None, "en") {
        assert!(d.start <= d.end && d.end <= data.len());
        assert!(data.is_char_boundary(d.start) && data.is_char_boundary(d.end));
    }
});
