"""Reading content: a folder of YAML files, loaded strictly with every key's position,
project overrides merged in, validated against the model; every problem a located diagnostic."""
