//! The reader's state and the `update(&mut State, Action)` function. No
//! terminal and no I/O, so every flow is testable without a screen.
