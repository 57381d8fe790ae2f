#! /usr/bin/env python3

# Examples that test.py (in an ns-3 tree) and scripts/check-contrib-build.sh run as smoke
# tests. Each entry: (command line, run it?, also run it under valgrind?).
cpp_examples = [
    ("lead-range-query-example --n-nodes=12 --vnodes=3 --n-keys=600 --range-lengths=10,50 --queries=3 --progress=false", "True", "False"),
    ("lead-range-query-example --n-nodes=12 --vnodes=3 --n-keys=1000 --workload=poisson --ops=60 --rate=20 --range-walk=client --progress=false", "True", "False"),
    ("lead-topology-example --n-nodes=8 --vnodes=3 --n-keys=500 --n-lookups=200 --progress=false", "True", "False"),
    ("lead-topology-example --n-nodes=8 --vnodes=3 --n-keys=500 --n-lookups=200 --transport=tcp --progress=false", "True", "False"),
    ("lead-topology-example --topology=matrix --n-nodes=8 --vnodes=3 --n-keys=500 --n-lookups=200 --progress=false", "True", "False"),
    ("lead-topology-example --topology=matrix --n-nodes=100 --vnodes=5 --join-spacing=5ms --settle=10s --n-keys=500 --n-lookups=300 --progress=false", "True", "False"),
    ("lead-topology-example --topology=dumbbell --n-nodes=8 --vnodes=3 --n-keys=500 --n-lookups=200 --loss=0.01 --transport=tcp --progress=false", "True", "False"),
    ("lead-topology-example --topology=inet --topology-file=contrib/lead/examples/topologies/lead-inet-24.txt --n-nodes=8 --vnodes=3 --n-keys=500 --n-lookups=200 --progress=false", "True", "False"),
    ("lead-churn-example --n-nodes=16 --n-keys=300 --session-mean=600s --down-mean=120s --duration=600s --warm-up=60s --get-mean=20s --range-mean=60s --range-length=20 --progress=false", "True", "False"),
    ("lead-model-update-example --n-nodes=16 --vnodes=3 --n-keys=4000 --shift-time=20s --after=30s --progress=false", "True", "False"),
    ("lead-kv-cache-example --documents=6 --document-length=3200 --n-servers=4 --background-docs=20 --hit-miss-ratio=3:1", "True", "False"),
    ("lead-kv-cache-example --workload=mmlu --requests=300 --rate=40 --background-docs=0 --systems=lead,dualmap,p2p-router,upper-bound", "True", "False"),
    ("lead-learned-hash-example --n-keys=20000", "True", "True"),
    ("lead-learned-hash-example --n-keys=20000 --dataset=clustered --root=cubic", "True", "False"),
]

# No Python examples.
python_examples = []
