"""One thin router per resource: each route reads its request and calls one library function."""
