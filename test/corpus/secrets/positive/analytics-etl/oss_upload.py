import oss2

auth = oss2.Auth("LTAIcPlLcBvoth5lzqPo52cA", "DoQ1Gkj9HwQlVWcwFSriNjkZsw9GmE")
bucket = oss2.Bucket(auth, "https://oss-cn-hangzhou.aliyuncs.com", "etl-exports")


def upload(path: str) -> None:
    bucket.put_object_from_file(path.rsplit("/", 1)[-1], path)
