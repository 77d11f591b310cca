[pypi]
username = __token__
password = <your PyPI API token, starting with pypi-> ⟪neg placeholder⟫

[internal]
repository = https://pypi.internal.example.com/
username = %(PYPI_USER)s
password = %(PYPI_PASSWORD)s ⟪neg env-reference⟫
