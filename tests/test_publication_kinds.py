"""What kind of publication an entry is, as the exporters researchers use write it."""

from __future__ import annotations

import pytest
from sphinx_portfolio.bib import publication_kind, read_bib_text

# arXiv's "Export BibTeX Citation" (via DataCite): no eprint field, the server as publisher.
ARXIV_DATACITE = """@misc{https://doi.org/10.48550/arxiv.2310.01082,
  doi = {10.48550/ARXIV.2310.01082},
  url = {https://arxiv.org/abs/2310.01082},
  author = {Doe, Jane},
  title = {A Paper},
  publisher = {arXiv},
  year = {2023},
}"""


@pytest.mark.parametrize(("bibtex", "kind"), [
    (ARXIV_DATACITE, "preprint"),
    ("@misc{k, title={T}, author={Doe, J.}, year={2024},"
     " eprint={2405.16002}, archivePrefix={arXiv}, url={https://arxiv.org/abs/2405.16002}}",
     "preprint"),
    ("@misc{k, title={T}, author={Doe, J.}, year={2024}, howpublished={arXiv:2405.16002}}",
     "preprint"),
    ("@misc{k, title={T}, author={Doe, J.}, year={2024}, howpublished={bioRxiv}}", "preprint"),
    ("@misc{k, title={T}, author={Doe, J.}, year={2024}}", "preprint"),  # a manuscript
    ("@unpublished{k, title={T}, author={Doe, J.}, year={2024}, note={arXiv preprint}}",
     "preprint"),
    ("@article{k, title={T}, author={Doe, J.}, year={2024},"
     " journal={arXiv preprint arXiv:2405.16002}}", "preprint"),
    # a @misc with a venue that is no preprint server: a talk, a blog post, a dataset
    ("@misc{k, title={T}, author={Doe, J.}, year={2024}, howpublished={Invited talk}}", "other"),
    ("@misc{k, title={T}, author={Doe, J.}, year={2024}, url={https://example.org/post}}",
     "other"),
    ("@online{k, title={T}, author={Doe, J.}, year={2024}, url={https://arxiv.org/abs/1}}",
     "other"),  # a web page, even one on arXiv, is no paper
    ("@inproceedings{k, title={T}, author={Doe, J.}, year={2024}, booktitle={ICML}}",
     "conference"),
    ("@article{k, title={T}, author={Doe, J.}, year={2024}, journal={JMLR}}", "journal"),
])
def test_publication_kind(bibtex: str, kind: str) -> None:
    checked = read_bib_text(bibtex)
    assert not checked.problems
    (entry,) = checked.data.entries.values()
    assert publication_kind(entry) == kind
