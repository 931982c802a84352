//! The commands besides `build` and `check`: `init`, `add` and `extract`. Each is a library
//! function so the CLI stays a thin argument parser and tests can call them directly.

pub mod add;
pub mod extract;
pub mod init;
