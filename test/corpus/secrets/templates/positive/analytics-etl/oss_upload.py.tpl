import oss2

auth = oss2.Auth("⟦alibaba-key-id⟧", "⟦alibaba-secret⟧")
bucket = oss2.Bucket(auth, "https://oss-cn-hangzhou.aliyuncs.com", "etl-exports")


def upload(path: str) -> None:
    bucket.put_object_from_file(path.rsplit("/", 1)[-1], path)
