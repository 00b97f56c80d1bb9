"""`mtreview models`: manage translation models (conversion to CTranslate2, what is cached)."""

from __future__ import annotations

from pathlib import Path

import click


@click.group("models")
def models_group() -> None:
    """Manage translation models: convert to CTranslate2, list what is cached.

    \b
    Examples:
      mtreview models list
      mtreview models convert Helsinki-NLP/opus-mt-ru-en
    """


@models_group.command("convert")
@click.argument("model")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write (default: the mtreview cache, where --engine ctranslate2 looks).")
@click.option("--quantization", default=None,
              help="Store weights as int8, int8_float16, float16, ... (default: keep float32; the compute "
                   "type is chosen at load time).")
@click.option("--force", is_flag=True, help="Replace an existing conversion.")
def convert_cmd(model: str, output: Path | None, quantization: str | None, force: bool) -> None:
    """Convert MODEL (a Hugging Face name or folder) to CTranslate2, once.

    \b
    Examples:
      mtreview models convert Helsinki-NLP/opus-mt-ru-en
      mtreview models convert ./my-model -o ./my-model-ct2   # then: --engine ctranslate2 --model ./my-model-ct2
    """
    from ..retranslate.engine_ct2 import convert_model
    from ..retranslate.models import resolve_model

    resolved = resolve_model(model, "", "")
    folder = convert_model(resolved, output_dir=output, quantization=quantization, force=force,
                           notify=lambda msg: click.echo(f"mtreview: {msg}", err=True))
    click.echo(str(folder))


@models_group.command("list")
def list_cmd() -> None:
    """List CTranslate2 conversions in the mtreview cache and models in the Hugging Face cache.

    \b
    Example:
      mtreview models list
    """
    from ..retranslate.cache import cache_dir
    from ..retranslate.engine_ct2 import read_marker
    from ..retranslate.models import missing_ct2_files

    ct2_root = cache_dir() / "ct2"
    conversions = sorted(p for p in ct2_root.iterdir() if p.is_dir() and read_marker(p)) if ct2_root.is_dir() else []
    click.echo(f"CTranslate2 conversions in {ct2_root}:")
    for folder in conversions:
        info = read_marker(folder) or {}
        lacks = missing_ct2_files(folder)  # the next --engine ctranslate2 run converts such a one again
        click.echo(f"  {info.get('model')}  revision {str(info.get('revision'))[:12]}  "
                   f"{info.get('quantization') or 'float32'}  {folder.name}"
                   + (f"  (incomplete: no {', '.join(lacks)})" if lacks else ""))
    if not conversions:
        click.echo("  (none)")
    try:
        from huggingface_hub import scan_cache_dir
        from huggingface_hub.errors import CacheNotFound
    except ImportError:
        return
    from ..retranslate.models import missing_files, weight_files

    try:
        from huggingface_hub import constants as hf_constants

        # The folder the model lookups read now (scan_cache_dir's default is the one at its module's import)
        scanned = scan_cache_dir(hf_constants.HF_HUB_CACHE)
        repos = sorted((r for r in scanned.repos if r.repo_type == "model"), key=lambda r: r.repo_id)
        damaged = [str(w).strip().splitlines()[0] for w in scanned.warnings if str(w).strip()]
    except CacheNotFound:
        repos, damaged = [], []
    click.echo("Hugging Face cache models:")
    for repo in repos:
        # A model an interrupted download left without some files is listed as such (QA: it was listed with
        # its size as if whole, and retranslate then refused it)
        snapshots = [Path(rev.snapshot_path) for rev in repo.revisions]
        lacks = sorted({name for snapshot in snapshots for name in missing_files(snapshot)})
        pickled = any(weight_files(snapshot)[1] and not weight_files(snapshot)[0] for snapshot in snapshots)
        note = ("  (pickle weights only: mtreview loads safetensors)" if pickled
                else f"  (incomplete: no {', '.join(lacks)})" if lacks else "")
        click.echo(f"  {repo.repo_id}  {repo.size_on_disk_str}{note}")
    # The Hub client leaves a damaged entry (a blob deleted under its link) out of its list: said, not hidden
    for line in damaged:
        click.echo(f"  (damaged: {line})")
    if not repos and not damaged:
        click.echo("  (none)")
