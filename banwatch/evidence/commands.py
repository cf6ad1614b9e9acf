"""`banwatch evidence` (make a pack of a run, verify one) and the signing key's public half."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from banwatch.settings import Settings
from banwatch.signing import public_from_hex, public_hex, signing_key
from banwatch.store import RunStore

from .contents import registry_files, run_files
from .pack import Checked, check_pack, write_pack
from .review import review_files

# What a pack says of the release of a run saved before runs kept it (store revision 0010).
NOT_RECORDED = "not recorded: the run was saved before banwatch kept it; see registry_version"


def make_pack(run_id: str, output: Path, settings: Settings, out: IO[str]) -> None:
    """Write the evidence pack of a saved run (id or unique prefix) to `output`."""
    with RunStore(settings.database_url) as store:
        run = store.get_run(run_id)
        files = run_files(store, run)
    review, counts = review_files(settings.database_url, run.id)
    files += review
    registry, said = registry_files(settings, run)
    about = {
        "run_id": run.id,
        "input_digest": run.input_digest,
        "as_of": run.as_of.isoformat(),
        "registry_version": run.registry_version,
        "release": run.release.model_dump(mode="json") if run.release else NOT_RECORDED,
        "matcher": run.matcher_version,
        "registry_files": said,
        "review": counts,
    }
    signer = write_pack(output, files + registry, about, signing_key(settings.home))
    out.write(
        f"evidence pack of run {run.id}: {output} ({len(files) + len(registry)} files, "
        f"registry files {said.split(':')[0]}, signed by key {signer})\n"
    )


def verify_pack(path: Path, trust: list[str], out: IO[str]) -> Checked:
    """Check a pack; with `trust` (public keys in hex), also that one of them signed it."""
    trusted = [public_from_hex(k) for k in trust] if trust else None
    checked = check_pack(path, trusted)
    if checked.intact:
        out.write(f"{path}: {checked.why}\n")
    return checked


def signing_public(settings: Settings, out: IO[str]) -> None:
    """Print the public half of the local signing key (made on first use), as hex."""
    out.write(public_hex(signing_key(settings.home).public_key()) + "\n")
