[distutils]
index-servers =
    pypi
    testpypi
    internal

[pypi]
username = __token__
password = ⟦pypi⟧

[testpypi]
repository = https://test.pypi.org/legacy/
username = __token__
password = ⟦pypi test⟧

[internal]
repository = https://pypi.internal.example.com/
username = release-bot
password = ⟦password 24⟧
