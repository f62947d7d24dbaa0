"""Every fact of the seed CV (and the co-author profile's two papers), as they must appear.

Kept as short phrases so that line wrapping in the PDF cannot split them unpredictably;
the PDF check compares text with all white space removed. Dates are as the tables write them
(``portfolio_date_format`` left at its default): the seed's "01/2025 - Present" is
"Jan 2025 - present" (with an en dash).
"""

PROFILE = [
    "Minhak Song", "Undergraduate Student", "KAIST", "songminhak.github.io",
    "minhaksong@kaist.ac.kr", "Theoretical Foundations of Modern Machine Learning",
    "Optimization", "Statistics",
]
EDUCATION = [
    "Korea Advanced Institute of Science and Technology (KAIST)", "Daejeon, South Korea",
    "B.S. in Mathematical Sciences (Minor in Industrial and Systems Engineering)",
    "Tuition and stipend fully covered by National Presidential Science Scholarship.",
    "Completed 2 years of mandatory alternative military service (02/2023 - 11/2024).",
    "Mar 2020 – present", "4.19/4.3",
    "University of Washington (UW)", "Seattle, WA", "Exchange Student",
    "Tuition and stipend fully covered by Korea-U.S. Student Exchange Program Scholarship.",
    "Jan 2025 – Jun 2025",
    "University of California, Berkeley", "Berkeley, CA",
    "Tuition and stipend fully covered by KAIST Presidential Fellowship.", "Jun 2022 – Aug 2022",
    "Korea Science Academy of KAIST", "Busan, South Korea",
    "Science High School for Gifted Students", "Mar 2017 – Feb 2020",
]
RESEARCH = [
    "Paul G. Allen School of Computer Science & Engineering @ UW",
    "Undergraduate Researcher with Prof. Simon Du",
    "Reinforcement Learning Theory and Language Model Alignment.",
    "Optimization & Machine Learning Laboratory @ KAIST", "Seoul, South Korea",
    "Undergraduate Researcher with Prof. Chulhee Yun", "Deep Learning Theory and Optimization.",
    "Mar 2022 – Dec 2024",
]
PUBLICATIONS = [
    "Does SGD really happen in tiny subspaces?",
    "Linear attention is (maybe) all you need (to understand Transformer optimization)",
    "Trajectory Alignment: Understanding the Edge of Stability Phenomenon via Bifurcation Theory",
    "Kwangjun Ahn*", "Xiang Cheng*", "Ali Jadbabaie", "Suvrit Sra",
    "International Conference on Learning Representations",
    "Conference on Neural Information Processing Systems",
    "ICLR 2025", "NeurIPS 2023", "2405.16002", "2310.01082",
    "Implicit Bias of Per-sample Adam on Separable Data: Departure from the Full-batch Regime",
    "Through the River: Understanding the Benefit of Schedule-Free Methods for Language Model Training",
    "Beomhan Baek",
]
PROJECTS = [
    "Theory of online Direct Policy Optimization from optimization perspective",
    "Prof. Simon Du, Ruizhe Shi, Dr. Zihan Zhang, Runlong Zhou", "University of Washington",
    "Jan 2025 – present",
    "Co-leading research on analyzing/improving convergence of online DPO under function approximation setting.",
    "Understanding Schedule-Free learning in LLM pre-training",
    "Dr. Kwangjun Ahn, Beomhan Baek, Prof. Chulhee Yun", "Microsoft Research, KAIST",
    "Sep 2024 – present",
    "Co-leading research on the advantages of Schedule-Free AdamW for language model pre-training.",
    "Theoretically analyzing performance compared to modern learning rate schedulers (e.g., Warmup-Stable-Decay) based on loss landscape properties.",
    "Beomhan Baek, Prof. Chulhee Yun",
    "Co-leading project to study the implicit bias of stochastic Adam in linear logistic regression.",
    "Discovered that the implicit bias of Adam heavily depends on the choice of batch size and training data.",
    "SGD dynamics along Hessian eigenspaces in deep learning", "Oct 2023 – May 2024",
    "Dr. Kwangjun Ahn, Prof. Chulhee Yun",
    "Led research investigating whether SGD can be trained in the tiny subspace spanned by top eigenvectors of the Hessian.",
    "Proved that SGD fails to decrease training loss when constrained to this tiny subspace.",
    "Extended our findings to the Edge of Stability (EoS) regime, Sharpness-Aware Minimization (SAM), and Adam.",
    "Optimization characteristics of linear Transformers", "Aug 2023 – Mar 2024",
    "Dr. Kwangjun Ahn, Prof. Xiang Cheng, Prof. Ali Jadbabaie, Prof. Suvrit Sra, Prof. Chulhee Yun",
    "MIT, KAIST",
    "Co-led a project to develop a simplified abstraction of the Transformer from an optimization perspective.",
    "Demonstrated that a simplified shallow linear Transformer replicates key aspects of training dynamics of Transformer, including Adam's superior performance over SGD.",
    "Understanding progressive sharpening and Edge of Stability phenomena", "Jan 2023 – Oct 2023",
    "Led a project to analyze progressive sharpening and Edge of Stability phenomena in deep learning optimization.",
    "Discovered and rigorously proved the novel phenomenon of trajectory alignment, which enables precise characterization of gradient descent trajectories in the Edge of Stability regime.",
]
INDUSTRY = [
    "Upstage", "AI Research Engineer Intern", "Sep 2022 – Dec 2022",
    "AI startup led by Prof. Sung Kim @ HKUST.",
    "Designed personalized recommendation models using contextual bandit algorithms for e-commerce service.",
]
HONORS = [
    "National Presidential Science Scholarship", "45,000 USD", "Korea Student Aid Foundation",
    "2020 – 2026",
    "KAIST Presidential Fellowship", "30,000 USD",
    "KAIST Alumni Academic Scholarship", "15,000 USD", "KAIST Alumni Scholarship Foundation",
    "2021 – 2026",
    "Korea-U.S. Student Exchange Program Scholarship", "9,000 USD",
    "Minister of Trade, Industry and Energy",
    "Travel Award", "ICLR 2024", "Vienna, Austria", "NeurIPS 2023", "New Orleans, LA",
    "Top Student Award", "rank #1 at department", "KAIST ISE",
    "Spring 2021, Fall 2021, Spring 2022",
    "Dean's List", "top 2%",
    "Talent Award of Korea", "50 high school students in Korea",
    "Deputy Prime Minister and Minister of Education", "2019",
    "Hanseong Scholarship for Gifted Students", "10,000 USD",
    "Hanseong Sonjaehan Scholarship Foundation", "2018 – 2019",
    "Grand Prize", "Korean Young Physicists' Tournament", "2018",
]
TEACHING = [
    "Participant", "Deep Learning Theory Workshop and Summer School, Simons Institute",
    "Summer 2022",
    'Part of "Summer Cluster: Deep Learning Theory" program at Simons Institute for the Theory of Computing.',
    "Academic Tutor", "Courses: Calculus I (Spring 2021), Calculus II (Fall 2021).", "2021",
    "Conference Reviewer", "NeurIPS 2024–2025, ICML 2025, ICLR 2025, AISTATS 2025",
]
SKILLS = [
    "Korean (native)", "English (fluent)", "TOEFL iBT: 108 (R29/L25/S28/W26)",
    "Python", "LaTeX", "MATLAB",
]

ALL = PROFILE + EDUCATION + RESEARCH + PUBLICATIONS + PROJECTS + INDUSTRY + HONORS + TEACHING + SKILLS
