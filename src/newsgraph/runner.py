"""Batch processing: documents -> Analysis or Rejected, in order, in one or many processes.

Output order equals input order whatever ``jobs`` is (``imap`` keeps order), so a
run with ``--jobs 4`` writes the same lines as one with ``--jobs 1``.  Each
document gets ``stage_timeout_s`` seconds; a document that runs over it, or that
makes a stage fail, becomes a ``Rejected`` and the batch goes on.
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import signal
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from . import errors as E
from .config import Settings
from .model import Analysis, RawDocument, Rejected

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .model import Article

Result = Analysis | Rejected


class _Timeout(Exception):
    pass


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise ``_Timeout`` in this thread after ``seconds`` (a no-op when seconds <= 0).

    In the main thread a Unix alarm (SIGALRM) does it; in any other thread (a Dask worker, the
    web app's analyse endpoint) a watchdog timer raises the exception asynchronously in the
    thread, which takes effect at its next Python instruction.
    """
    if seconds <= 0:
        yield
        return
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        def on_alarm(signum: int, frame: Any) -> None:
            raise _Timeout()

        old = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
        return
    tid = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), ctypes.py_object(_Timeout))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
            if state["fired"]:  # raised already, or still pending: never let it escape this block
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), None)
        timer.cancel()


def process_document(doc: RawDocument | Rejected, settings: Settings) -> Result:
    """Parse and annotate one document; never raises for bad input."""
    out = process_batch([doc], settings)[0]
    assert out is not None
    return out


def process_batch(docs: Sequence[RawDocument | Rejected | None], settings: Settings) -> list[Result | None]:
    """Parse and annotate several documents, in order (None stays None); never raises for bad input.

    The articles' texts go through spaCy in one ``nlp.pipe`` batch (the same parses as one by one,
    for less of spaCy's time); every document still gets its own ``stage_timeout_s`` for the rest,
    and when the batch fails or runs over the limit each article is parsed again on its own, so
    one bad article costs only itself."""
    from .model import Article
    from .parse import parse

    read: list[Article | Result | None] = [
        d if d is None or isinstance(d, Rejected) else _guarded(d, settings, parse, d) for d in docs]
    parsed = _parse_together([a for a in read if isinstance(a, Article)], settings)
    out: list[Result | None] = []
    for d, a in zip(docs, read, strict=True):
        if isinstance(a, Article):
            assert isinstance(d, RawDocument)
            out.append(_guarded(d, settings, _annotate, a, settings, parsed.get(id(a))))
        else:
            out.append(a)
    return out


def _annotate(article: Article, settings: Settings, parsed: tuple[Article, Doc] | None) -> Result:
    from .pipeline import annotate

    return annotate(article, settings, parsed=parsed)


def _parse_together(articles: list[Article], settings: Settings) -> dict[int, tuple[Article, Doc]]:
    """``id(article) -> (the article as the parser reads it, its Doc)``; empty for fewer than two
    articles or when the batch fails (then each article is parsed in ``annotate``)."""
    if len(articles) < 2:
        return {}
    from .nlp.spacy_model import load_nlp, parse_texts
    from .pipeline import for_parser, parser_text, truecased

    try:
        with _time_limit(settings.stage_timeout_s):
            works = [for_parser(a, settings) for a in articles]
            parses = parse_texts(load_nlp(settings.spacy_model), [parser_text(w, settings) for w in works],
                                 [truecased(a, settings) for a in articles])
    except E.ConfigError:
        raise
    except Exception:  # any failure here is met again, and reported, article by article
        return {}
    return {id(a): (w, d) for a, w, d in zip(articles, works, parses, strict=True)}


def _guarded(doc: RawDocument, settings: Settings, fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)`` for ``doc`` under its time limit; a failure becomes a Rejected with the reason."""
    try:
        with _time_limit(settings.stage_timeout_s):
            return fn(*args)
    except _Timeout:
        return Rejected(doc.source, E.E_TIMEOUT,
                        f"{doc.source}: over stage_timeout_s={settings.stage_timeout_s}; "
                        f"{E.EXPLAIN[E.E_TIMEOUT]}")
    except E.ConfigError:
        raise
    except RecursionError:
        return Rejected(doc.source, E.E_STAGE, f"{doc.source}: document too deeply nested to process")
    except Exception as exc:  # a stage bug must not end the batch; the reason is kept
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return Rejected(doc.source, E.E_STAGE,
                        f"{doc.source}: {type(exc).__name__}: {exc} (at {where.filename}:{where.lineno}); "
                        f"{E.EXPLAIN[E.E_STAGE]}")


def source_key(doc: RawDocument) -> str:
    """Key of a document as read (its source and content): how a resumed run knows it is done."""
    h = hashlib.sha1()
    h.update(doc.source.encode("utf-8", "surrogatepass"))
    h.update(b"\0")
    h.update(doc.content.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


_WORKER_SETTINGS: Settings | None = None
WORKER_MAX_DOCS = 2000
_WARMED: set[str] = set()  # repr of the settings a process is warmed for
# non-ASCII on purpose (curly quotes): the mojibake repair (ftfy) is loaded in the warm-up too
_WARM_UP = ("WASHINGTON (Reuters) - President Joe Biden said on Monday that the United States would send "
            "$5 million in aid to Ukraine, and police arrested 12 protesters in Paris last week. "
            "\u201cIt\u2019s a clear message,\u201d he said.")


def warm(settings: Settings) -> None:
    """Load the model and every table the stages read, once per process, by analysing a short
    built-in text: done before worker processes are forked, they share it all (copy-on-write)
    instead of each loading it again."""
    if repr(settings) in _WARMED:
        return
    from .nlp.spacy_model import load_nlp
    from .parse import parse
    from .pipeline import annotate
    from .registry import resolve

    load_nlp(settings.spacy_model)
    resolve(settings.stages)
    # through parse() as well: its language model (py3langid, ~0.8 s to load) is loaded here once,
    # not again in every worker
    # (no time limit: the first call pays for loading what the limit is not meant to count)
    article = parse(RawDocument(source="warm-up", format="text", content=_WARM_UP, id="warm-up"))
    if isinstance(article, Rejected):
        raise RuntimeError(f"the built-in warm-up text did not parse: {article.message}")
    annotate(article, settings)
    # the model and tables just loaded live as long as the process: the collector need not scan
    # them again (gc.freeze), and with fewer young-generation passes an article costs ~2-3% less
    gc.freeze()
    gc.set_threshold(20_000, 50, 100)
    _WARMED.add(repr(settings))


def _init_worker(settings: Settings) -> None:
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings
    from .nlp.spacy_model import load_nlp
    from .registry import resolve

    load_nlp(settings.spacy_model)
    resolve(settings.stages)


def _work(docs: list[RawDocument | Rejected | None]) -> list[Result | None]:
    assert _WORKER_SETTINGS is not None
    return process_batch(docs, _WORKER_SETTINGS)


def _chunks(items: Iterable[RawDocument | Rejected | None], size: int) -> Iterator[list[RawDocument | Rejected | None]]:
    chunk: list[RawDocument | Rejected | None] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def process_in_batches(docs: Iterable[RawDocument | Rejected | None], settings: Settings) -> Iterator[Result | None]:
    """``process_batch`` over ``docs`` in batches of ``settings.chunk_size``, in this process."""
    for chunk in _chunks(docs, max(1, settings.chunk_size)):
        yield from process_batch(chunk, settings)


def process_all(docs: Iterable[RawDocument | Rejected], settings: Settings, *,
                jobs: int = 1, skip: Callable[[RawDocument], bool] | None = None) -> Iterator[Result | None]:
    """Yield one result per document, in input order (None for a document ``skip`` says is done).

    Documents go in batches of ``settings.chunk_size`` (one ``nlp.pipe`` call per batch), to one
    process or spread over ``jobs``."""
    def todo() -> Iterator[RawDocument | Rejected | None]:
        for d in docs:
            yield None if (skip is not None and isinstance(d, RawDocument) and skip(d)) else d

    per_task = max(1, settings.chunk_size)
    if jobs <= 1:
        from .registry import resolve

        resolve(settings.stages)  # a config error shows before any work
        warm(settings)
        yield from process_in_batches(todo(), settings)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork") if hasattr(signal, "SIGALRM") else mp.get_context()
    if ctx.get_start_method() == "fork":
        warm(settings)
    # a worker is replaced after WORKER_MAX_DOCS documents (forked again from the warm parent, so at
    # no start-up cost): whatever a long run leaves in a worker's caches cannot grow without bound
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(settings,),
                  maxtasksperchild=max(1, WORKER_MAX_DOCS // per_task)) as pool:
        for results in pool.imap(_work, _chunks(todo(), per_task)):
            yield from results
